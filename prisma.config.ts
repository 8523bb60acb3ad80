import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI must always be able to read the schema, or it falls back to downloading a
// native engine (impossible offline). `generate` needs no database, so a placeholder URL is fine.
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:54329/future_factory";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
