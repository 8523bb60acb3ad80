import { redirect } from "@remix-run/node";
import { setLocaleSchema } from "~/forms/auth";
import { setUserLocale } from "~/models/user.server";
import { readForm } from "~/utils/forms.server";
import { guard } from "~/utils/guard.server";
import { httpError, safeRedirectPath } from "~/utils/http.server";
import { localeCookie, toDbLocale } from "~/utils/locale.server";

export const loader = /* @__PURE__ */ guard("public", async () => redirect("/"));

/** Remembers the language in a cookie and, when signed in, in the user's profile. */
export const action = /* @__PURE__ */ guard("public", async ({ request, auth, t }) => {
  const form = Object.fromEntries(await readForm(request, t));
  const parsed = setLocaleSchema.safeParse(form);
  if (!parsed.success) httpError(400, t("errors.required"));
  if (auth) await setUserLocale(auth.user.id, toDbLocale(parsed.data.locale));
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
});
