import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseReadUrl, databaseUrl } from "~/utils/env.server";

// One client per process, created on first use (DATABASE_URL is only known once the embedded
// database has started); kept on globalThis so dev rebuilds do not open new pools.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient; __prismaRead?: PrismaClient };

export function createPrismaClient(connectionString: string) {
  // A connection attempt that hangs (database restarting, network gone) fails after 5 s, so the
  // guard can answer 503 instead of holding the request; pg-pool drops clients whose connection died.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20, connectionTimeoutMillis: 5_000 }) });
}

export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    if (!globalForPrisma.__prisma) {
      const url = databaseUrl();
      if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`.");
      globalForPrisma.__prisma = createPrismaClient(url);
    }
    const client = globalForPrisma.__prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * The client for analytics reads (aggregates, benchmarks, exports): the read replica when
 * DATABASE_READ_URL is set, else the primary. Never write through it. A replica lags the primary by
 * its replication delay (milliseconds here); aggregates are allowed to (docs/scaling.md).
 */
export function analyticsDb(): PrismaClient {
  const url = databaseReadUrl();
  if (!url) return prisma;
  globalForPrisma.__prismaRead ??= createPrismaClient(url);
  return globalForPrisma.__prismaRead;
}

export async function disconnectPrisma() {
  await globalForPrisma.__prisma?.$disconnect();
  await globalForPrisma.__prismaRead?.$disconnect();
  globalForPrisma.__prisma = undefined;
  globalForPrisma.__prismaRead = undefined;
}
