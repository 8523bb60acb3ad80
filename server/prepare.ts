/** Everything a migrated database needs before the app serves it; shared by start-up, seeding and tests. */
import { createPrismaClient } from "../app/utils/db.server";
import { prepareBenchmarks } from "./population";
import { syncQuestionnaires } from "./questionnaire-sync";
import { seedDemoConsultancy } from "./seed-consultants";
import { DEMO_PASSWORD, seedDemo, syncReferenceData, type DemoSeedResult } from "./seed";

export async function prepareDatabase(databaseUrl: string, options: { demo: boolean }) {
  const prisma = createPrismaClient(databaseUrl);
  try {
    await syncReferenceData(prisma);
    const questionnaires = await syncQuestionnaires(prisma);
    const demo: (DemoSeedResult & { password: string }) | undefined = options.demo ? { ...(await seedDemo(prisma)), password: DEMO_PASSWORD } : undefined;
    await prepareBenchmarks(prisma, databaseUrl, { demo: demo?.seeded === true });
    // After the demo factories' assessments: the consultancy's portfolio refers to them.
    if (demo?.seeded) await seedDemoConsultancy(prisma);
    return { demo, questionnaires };
  } finally {
    await prisma.$disconnect();
  }
}
