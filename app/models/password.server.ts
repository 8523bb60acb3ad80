import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id (OWASP's first choice) with m=19 MiB, t=2, p=1.
export const hashPassword = (password: string) => hash(password);

// Verifying against a real hash for unknown e-mails keeps the response time the same, so
// timing does not reveal which addresses have accounts.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$AlNZXLITASXCfjePX5ybuw$Lcko8IA62qXY/4TDbafAVP2Qcuuao/FV+E4njDdl6mo";

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(passwordHash ?? DUMMY_HASH, password);
    return passwordHash !== null && matches;
  } catch {
    return false;
  }
}
