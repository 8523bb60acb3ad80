import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "~/utils/env.server";

// One client per process, created on first use (DATABASE_URL is only known once the embedded
// database has started); kept on globalThis so dev rebuilds do not open new pools.
const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

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

export async function disconnectPrisma() {
  await globalForPrisma.__prisma?.$disconnect();
  globalForPrisma.__prisma = undefined;
}
