/** Whether the database answers at all: for /healthz and the maintenance scheduler. */
import { prisma } from "~/utils/db.server";
import { isDatabaseUnavailable } from "~/utils/db-unavailable";

export async function databaseIsUp(): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    // Any failure of `SELECT 1` means the database is not usable; only unexpected ones are worth a log line.
    if (!isDatabaseUnavailable(error)) console.error(error);
    return false;
  }
}
