import { redirect } from "@remix-run/node";
import { guard } from "~/utils/guard.server";
import { logOut } from "~/utils/session.server";

export const loader = /* @__PURE__ */ guard("public", async () => redirect("/"));

// Logging out is a POST (a GET could be triggered by any <img> on another site).
export const action = /* @__PURE__ */ guard("public", async ({ request }) => logOut(request));
