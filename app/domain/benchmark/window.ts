/**
 * The peer window: submissions in (asOf − 24 months, asOf]. Computed here once and handed to the
 * SQL as a parameter, so the database and the reference implementation agree to the millisecond.
 */
import { PEER_WINDOW_MONTHS } from "./groups";

/** asOf minus whole calendar months (UTC), the day clamped to the target month's end (31 Mar − 1 month = 28/29 Feb). */
export function subtractMonths(asOf: Date, months: number): Date {
  const year = asOf.getUTCFullYear();
  const month = asOf.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(asOf.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, asOf.getUTCHours(), asOf.getUTCMinutes(), asOf.getUTCSeconds(), asOf.getUTCMilliseconds()));
}

export function windowStart(asOf: Date): Date {
  return subtractMonths(asOf, PEER_WINDOW_MONTHS);
}
