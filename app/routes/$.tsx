import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";

/** Any unknown URL: a friendly 404 inside the normal layout. */
export const loader = /* @__PURE__ */ guard("public", async ({ t }) => httpError(404, t("errors.notFoundText")));

export default function NotFound() {
  return null;
}
