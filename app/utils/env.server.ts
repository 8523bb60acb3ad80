/**
 * Environment, validated once at start-up. Only values listed in `publicEnv` ever reach the browser.
 */
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /** e.g. smtp://user:pass@smtp.example.com:587 — without it, e-mails only go to the outbox and the log. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("未来工厂成熟度评估平台 <no-reply@future-factory.local>"),
  /** Smallest peer group a benchmark statistic may be computed over (k-anonymity), 3…1000. */
  BENCHMARK_MIN_GROUP: z.coerce.number().int().min(3).max(1000).optional(),
  /** Web worker processes (default: available cores, at most 4). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Embedded mode: where the database and the local session secret live (default `.data`). */
  DATA_DIR: z.string().min(1).optional(),
  /** Set when the app runs behind a TLS-terminating proxy: cookies become Secure. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** `1` when a reverse proxy sits in front: X-Forwarded-For/-Host/-Proto are believed only then. */
  TRUST_PROXY: z.enum(["0", "1"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
      throw new Error(`Invalid environment:\n${problems}`);
    }
    if (parsed.data.NODE_ENV === "production" && !parsed.data.SESSION_SECRET) {
      throw new Error("Invalid environment:\n  SESSION_SECRET is required in production");
    }
    cached = parsed.data;
  }
  return cached;
}

/** The whitelist of values the browser may see. */
export function publicEnv() {
  return { MODE: getEnv().NODE_ENV } as const;
}
