/**
 * The one reader of the environment. Every variable the app, the server and its scripts use is
 * declared and validated here (README "Configuration" lists them); nothing else reads
 * `process.env`. Only values listed in `publicEnv` ever reach the browser.
 *
 * `server/main.ts` validates at start-up (`readEnv()`), then, in embedded mode, fills in what it
 * created (DATABASE_URL, SESSION_SECRET, SECURE_COOKIES) before the web workers are forked, and
 * calls `resetEnvCache()` so this process sees them too.
 */
import { z } from "zod";
import { parseMinGroup } from "~/domain/benchmark/groups";

const MIN_SECRET_LENGTH = 32;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  /**
   * Optional read replica (PostgreSQL streaming replication of DATABASE_URL) for analytics reads:
   * authority views, benchmarks, exports. Unset: they read DATABASE_URL. See docs/scaling.md.
   */
  DATABASE_READ_URL: z.url().optional(),
  /**
   * Cookie signing secrets, comma-separated, newest first: the first signs, all verify, so a
   * secret can be rotated without logging everyone out (add the new one in front, drop the old
   * one a session lifetime later).
   */
  SESSION_SECRET: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return [];
      const secrets = raw.split(",").map((secret) => secret.trim());
      if (secrets.some((secret) => secret.length < MIN_SECRET_LENGTH)) {
        ctx.addIssue({ code: "custom", message: `each SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters` });
        return z.NEVER;
      }
      return secrets;
    }),
  /** e.g. smtp://user:pass@smtp.example.com:587 — without it, e-mails only go to the outbox and the log. */
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default("未来工厂成熟度评估平台 <no-reply@future-factory.local>"),
  /** Smallest peer group a benchmark statistic may be computed over (k-anonymity), 3…1000, default 5. */
  BENCHMARK_MIN_GROUP: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return parseMinGroup(raw);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** Most rows one authority table export (CSV/XLSX) may hold; a bigger one is refused with 413 (docs/open-data.md). */
  SECTOR_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** Web worker processes (default: available cores, at most 4). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Embedded mode: where the database and the local session secret live (default `.data`). */
  DATA_DIR: z.string().min(1).optional(),
  /** Embedded mode: the first port tried for PostgreSQL. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** `0` skips the demo data. */
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /** Cookies marked Secure (HTTPS); default: on in production, off otherwise (see `secureCookies`). */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /**
   * Megabytes of rendered HTML each web process keeps (the render memo, ADR 0025); `0` turns it off.
   * A results page is ≈ 150 kB, so the default holds a few hundred pages.
   */
  RENDER_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** `1` when a reverse proxy sits in front: X-Forwarded-For/-Host/-Proto are believed only then. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
});

export type Env = z.output<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Validates the environment now (no cache): for start-up and scripts. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new InvalidEnvironmentError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  return parsed.data;
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function getEnv(): Env {
  if (!cached) {
    const env = readEnv();
    // Checked here, not in readEnv: main.ts validates before it creates the local secret.
    if (env.NODE_ENV === "production" && env.SESSION_SECRET.length === 0) throw new InvalidEnvironmentError(["SESSION_SECRET: required in production"]);
    cached = env;
  }
  return cached;
}

/** After `server/main.ts` filled in what embedded mode created. */
export function resetEnvCache() {
  cached = undefined;
}

/**
 * The database URL, read when first needed rather than cached: in embedded mode it only exists
 * once the database has started, and scripts point the app at their own databases at run time.
 */
export function databaseUrl(): string | undefined {
  const raw = process.env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  const parsed = envSchema.shape.DATABASE_URL.safeParse(raw);
  if (!parsed.success) throw new InvalidEnvironmentError(["DATABASE_URL: not a valid URL"]);
  return parsed.data;
}

/** The analytics read replica's URL, read like `databaseUrl()`; undefined = use the primary. */
export function databaseReadUrl(): string | undefined {
  const raw = process.env.DATABASE_READ_URL;
  if (raw === undefined || raw === "") return undefined;
  const parsed = envSchema.shape.DATABASE_READ_URL.safeParse(raw);
  if (!parsed.success) throw new InvalidEnvironmentError(["DATABASE_READ_URL: not a valid URL"]);
  return parsed.data;
}

/** Signing secrets, newest first. In production they are required; elsewhere too, once a cookie is made. */
export function sessionSecrets(env: Env = getEnv()): string[] {
  if (env.SESSION_SECRET.length === 0) throw new InvalidEnvironmentError(["SESSION_SECRET: required (server/main.ts creates one for local runs)"]);
  return env.SESSION_SECRET;
}

/** One rule for Secure cookies and HSTS: SECURE_COOKIES when set, else on in production. */
export function secureCookies(env: Env = getEnv()): boolean {
  return env.SECURE_COOKIES === undefined ? env.NODE_ENV === "production" : env.SECURE_COOKIES === "true";
}

export function trustProxy(env: Env = getEnv()): boolean {
  return env.TRUST_PROXY === "1";
}

/** The whitelist of values the browser may see. */
export function publicEnv() {
  return { MODE: getEnv().NODE_ENV } as const;
}
