/**
 * Comparing chosen clients (GET ?ids=<id>&ids=<id>… from the checkboxes of the clients table):
 * 1 to 8 distinct factory ids (one client alone is a valid, if modest, comparison). Pure; the model decides which of them the consultancy may see.
 */
import { z } from "zod";

export const MAX_COMPARE = 8;

export const compareIdsSchema = z
  .array(z.uuid("portfolio.errors.compareIds"), "portfolio.errors.compareIds")
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
  .pipe(z.array(z.string()).min(1, "portfolio.errors.compareTooFew").max(MAX_COMPARE, "portfolio.errors.compareTooMany"));

/** Reads ?ids= (repeated or comma separated); the message is a locale key. */
export function parseCompareIds(searchParams: URLSearchParams): { ok: true; ids: string[] } | { ok: false; message: string } {
  const raw = searchParams
    .getAll("ids")
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  // Cut before parsing: a thousand ids are "too many", not a thousand issues.
  if (raw.length > MAX_COMPARE * 4) return { ok: false, message: "portfolio.errors.compareTooMany" };
  const parsed = compareIdsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, ids: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? "portfolio.errors.compareIds" };
}

export interface CompareClient {
  clientId: string;
  name: string;
  period: string | null;
  overall: number | null;
  level: number | null;
  dimensions: Record<string, number | null>;
}

/** Recharts rows: one per dimension, one key per client (c0…c7 in the chosen order). */
export function compareChartData(clients: readonly CompareClient[], dimensions: readonly { id: string; name: string }[]) {
  return dimensions.map((dimension) => ({
    dimension: dimension.name,
    ...Object.fromEntries(clients.map((client, index) => [`c${index}`, client.dimensions[dimension.id] ?? null])),
  }));
}
