/**
 * Refuses a request whose declared Content-Length is over its route's limit with 413 before a
 * single byte of the body is read (issue 8: a 200 MB login form used to be read in full).
 * Chunked bodies have no declared length: `readBody()` in app/utils/forms.server.ts counts
 * them against the same table while reading. See docs/decisions/0009-request-limits.md.
 */
import type { RequestHandler } from "express";
import { bodyLimitFor, formatLimit } from "../../app/utils/body-limits";
import { translator } from "../../app/utils/i18n";
import { resolveLocale } from "../../app/utils/locale.server";

export function bodyLimit(): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    // A 413 from inside the app (a chunked body counted by readBody) reaches the browser as an
    // error page whose headers Remix builds anew: close the connection here, so the unread rest
    // of the body is not drained into a kept-alive connection.
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (args[0] === 413) this.setHeader("Connection", "close");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    const limit = bodyLimitFor(req.path);
    const declared = Number(req.get("content-length") ?? 0);
    if (!(declared > limit)) return next();
    // No database here: the language comes from the cookie or Accept-Language.
    const headers = new Headers();
    for (const name of ["cookie", "accept-language"]) {
      const value = req.get(name);
      if (value) headers.set(name, value);
    }
    resolveLocale(new Request("http://localhost/", { headers }))
      .catch(() => "zh-CN" as const)
      .then((locale) => {
        // Closing is the point: keeping the connection alive would mean reading the rest.
        res.set("Connection", "close");
        res.status(413).json({ message: translator(locale)("errors.bodyTooLarge", { limit: formatLimit(limit) }) });
      })
      .catch(next);
  };
}
