/**
 * Factories for load and chaos runs: a signed-up owner, a factory with a complete profile (valid
 * credit code, industry and district spread over the reference lists), all made through the app's
 * own model functions so they look exactly like real sign-ups.
 */
import { makeCreditCode } from "../../app/domain/reference/credit-code";
import { INDUSTRIES } from "../../app/domain/reference/industries";
import { REGIONS } from "../../app/domain/reference/regions";
import { saveFactoryProfile, signUpWithOrganization } from "../../app/models/organization.server";

const industries = INDUSTRIES.map((industry) => industry.code);
const districts = REGIONS.filter((region) => region.level === "district").map((region) => region.code);

export interface LoadFactoryOptions {
  /** e.g. "bench": e-mails are `bench-001@bench.future-factory.test`. */
  prefix: string;
  /** Five upper-case letters inside the credit code's organisation part, e.g. "BENCH". */
  codeTag: string;
  displayName: (n: string) => string;
  organizationName: (n: string) => string;
  legalName: (n: string) => string;
  password: string;
  employees: number;
  revenueWan: number;
}

/** The `index`-th load factory (0-based); its number `n` is 1-based and zero-padded to three digits. */
export async function createLoadFactory(index: number, options: LoadFactoryOptions) {
  const n = String(index + 1).padStart(3, "0");
  const email = `${options.prefix}-${n}@${options.prefix}.future-factory.test`;
  const { userId, organizationId } = await signUpWithOrganization({
    email,
    displayName: options.displayName(n),
    password: options.password,
    locale: "zh_CN",
    organization: { kind: "FACTORY", name: options.organizationName(n) },
  });
  if (!organizationId) throw new Error("signUpWithOrganization created no organisation");
  const regionCode = districts[(index * 37) % districts.length]!;
  await saveFactoryProfile(organizationId, {
    name: options.organizationName(n),
    legalName: options.legalName(n),
    // 91 (enterprise) · registering region · organisation code · check character.
    creditCode: makeCreditCode(`91${regionCode}${options.codeTag}${String(index).padStart(4, "0")}`),
    industryCode: industries[index % industries.length]!,
    regionCode,
    employees: options.employees,
    revenueWan: options.revenueWan,
  });
  return { email, userId, organizationId };
}
