/**
 * Issue 8 item 2 over real HTTP: Express refuses a declared Content-Length over the route's limit
 * with 413 before reading the body, and the app stops reading a chunked body at the limit.
 * Limits per route: app/utils/body-limits.ts (ADR 0009).
 */
import http from "node:http";
import net from "node:net";
import { BODY_LIMITS } from "../../app/utils/body-limits";
import { expect, test } from "./fixtures";

const base = () => new URL(process.env.E2E_BASE_URL!);
// Same-origin like the app's own forms (the origin check may refuse POSTs without one).
const origin = () => base().origin;
const fakeAutosave = "/o/00000000-0000-4000-8000-000000000000/assessments/00000000-0000-4000-8000-000000000000/answers";

test("a form over the auth limit gets 413 in the user's language, one under it does not", async ({ request }) => {
  const tooBig = await request.post("/login", {
    headers: { Origin: origin(), "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
    data: `email=a%40example.com&password=${"x".repeat(BODY_LIMITS.auth)}`,
    maxRedirects: 0,
  });
  expect(tooBig.status()).toBe(413);
  expect(tooBig.headers()["connection"]).toBe("close");
  expect(await tooBig.json()).toEqual({ message: "The submission is too large (the limit is 16 KB). Please shorten it and try again." });

  const zh = await request.post("/signup", { headers: { Origin: origin(), "Content-Type": "application/x-www-form-urlencoded" }, data: "x".repeat(BODY_LIMITS.auth + 1), maxRedirects: 0 });
  expect(zh.status()).toBe(413);
  expect((await zh.json()) as { message: string }).toEqual({ message: "提交的内容过大（上限为 16 KB），请精简后再试。" });

  const fine = await request.post("/login", { headers: { Origin: origin() }, form: { email: "nobody@example.com", password: "wrong-password-1" }, maxRedirects: 0 });
  expect(fine.status()).not.toBe(413);
  expect(fine.status()).toBeLessThan(500);
});

test("autosave has room for a whole questionnaire but not for 10 MB", async ({ request }) => {
  // The 413 goes out as soon as the declared length is seen and the connection is closed; if the
  // client is still writing, the kernel may reset it before the answer is read. Either way the
  // server refused without reading 10 MB.
  const huge = await request
    .post(fakeAutosave, { headers: { Origin: origin(), "Content-Type": "application/json" }, data: `{"revision":0,"changes":{"x":{"note":"${"x".repeat(10 * 1024 * 1024)}"}}}`, maxRedirects: 0 })
    .catch((error: Error) => {
      expect(error.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
      return null;
    });
  if (huge) expect(huge.status()).toBe(413);
  // Within the autosave limit (but far over the form limit): not refused for its size (anonymous, so: to the login page).
  const large = await request.post(fakeAutosave, { headers: { Origin: origin(), "Content-Type": "application/json" }, data: `{"revision":0,"changes":{"x":{"note":"${"x".repeat(BODY_LIMITS.answers / 2)}"}}}`, maxRedirects: 0 });
  expect(large.status()).toBe(302);
});

test("a declared 200 MB body is refused before any of it is sent", async () => {
  // Only the request head goes out: the 413 must arrive although the body never does.
  const response = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(base().port), base().hostname, () => {
      socket.write(
        `POST /login HTTP/1.1\r\nHost: ${base().host}\r\nOrigin: ${origin()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\nemail=`,
      );
    });
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => reject(new Error(`no answer; got ${received}`)));
  });
  expect(response).toMatch(/^HTTP\/1\.1 413 /);
  expect(response.toLowerCase()).toContain("connection: close");
});

test("a chunked body is read only up to the limit, then answered with 413", async () => {
  const chunk = Buffer.alloc(16 * 1024, "a");
  const { status, headers, sent } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      { host: base().hostname, port: base().port, path: "/login", method: "POST", headers: { Origin: origin(), "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" } },
      (res) => {
        answered = true;
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, sent }));
      },
    );
    // The server closing mid-upload is the expected outcome, not a failure. When it closes while
    // we are still writing, the kernel may reset the connection before the 413 is read (no
    // lingering close): then the proof is that far less than the whole body was sent.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      if (error.code === "EPIPE" || error.code === "ECONNRESET") resolve({ status: 0, headers: {}, sent });
      else reject(error);
    });
    const pump = () => {
      // Stop after 8 MB at the latest: by then the 413 must long have arrived.
      while (!answered && sent < 8 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
  expect(sent).toBeLessThan(8 * 1024 * 1024);
  if (status !== 0) {
    expect(status).toBe(413);
    expect(headers.connection).toBe("close");
  }
});
