import { prisma } from "~/utils/db.server";
import { guard } from "~/utils/guard.server";

/** Liveness and database reachability, for load balancers and the start-up timer. */
export const loader = /* @__PURE__ */ guard("public", async () => {
  await prisma.$queryRaw`SELECT 1`;
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
});
