import { databaseIsUp } from "~/models/health.server";
import { RETRY_AFTER_SECONDS } from "~/utils/db-unavailable";
import { guard } from "~/utils/guard.server";

/**
 * Liveness and database reachability, for load balancers, the start-up timer and test:chaos:
 * 200 `{status:"ok", database:"up"}` or 503 `{status:"degraded", database:"down"}` + Retry-After.
 */
export const loader = /* @__PURE__ */ guard("public", async () => {
  const headers = { "Cache-Control": "no-store" };
  if (await databaseIsUp()) return Response.json({ status: "ok", database: "up" }, { headers });
  return Response.json({ status: "degraded", database: "down" }, { status: 503, headers: { ...headers, "Retry-After": String(RETRY_AFTER_SECONDS) } });
});
