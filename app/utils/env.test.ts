import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, readEnv, secureCookies, sessionSecrets } from "./env.server";

const secret = (char: string) => char.repeat(40);

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    readEnv(source);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error.problems;
    throw error;
  }
  return [];
}

describe("readEnv", () => {
  it("fills in the documented defaults", () => {
    const env = readEnv({ NODE_ENV: "test" });
    expect(env).toMatchObject({ PORT: 3000, EMBEDDED_PG_PORT: 54329, SEED_DEMO: "1", TRUST_PROXY: "0", BENCHMARK_MIN_GROUP: 5, SESSION_SECRET: [] });
  });

  it("takes several comma-separated session secrets, newest first, for rotation", () => {
    const env = readEnv({ NODE_ENV: "test", SESSION_SECRET: `${secret("n")}, ${secret("o")}` });
    expect(sessionSecrets(env)).toEqual([secret("n"), secret("o")]);
  });

  it("lists every problem at once, naming the variable", () => {
    const problems = problemsOf({ NODE_ENV: "test", SESSION_SECRET: `${secret("n")},short`, BENCHMARK_MIN_GROUP: "2", SEED_DEMO: "yes", PORT: "0" });
    expect(problems.map((problem) => problem.split(":")[0])).toEqual(["PORT", "SESSION_SECRET", "BENCHMARK_MIN_GROUP", "SEED_DEMO"]);
    expect(problems.find((problem) => problem.startsWith("BENCHMARK_MIN_GROUP"))).toMatch(/whole number from 3 to 1000/);
  });

  it("refuses to make cookies without a secret", () => {
    expect(() => sessionSecrets(readEnv({ NODE_ENV: "test" }))).toThrow(InvalidEnvironmentError);
  });
});

describe("secureCookies: one rule for cookies and HSTS", () => {
  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", SECURE_COOKIES: "false" }, false],
    [{ NODE_ENV: "development" }, false],
    [{ NODE_ENV: "development", SECURE_COOKIES: "true" }, true],
    [{ NODE_ENV: "test", SECURE_COOKIES: "false" }, false],
  ] as const)("%o → %s", (source, expected) => {
    expect(secureCookies(readEnv(source))).toBe(expected);
  });
});
