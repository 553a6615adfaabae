/**
 * Nights in Nairobi (21:00–07:00, UTC+3 all year) are quiet: reminders found then wait for the morning. Dates are
 * Nairobi calendar dates (`YYYY-MM-DD`), the calendar rent is due by.
 */
const OFFSET_MS = 3 * 3600_000;
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 7;

export function nairobiHour(at: Date): number {
  return new Date(at.getTime() + OFFSET_MS).getUTCHours();
}

export function isQuietHours(at: Date): boolean {
  const h = nairobiHour(at);
  return h >= QUIET_FROM_HOUR || h < QUIET_UNTIL_HOUR;
}

/** `at` itself outside quiet hours, else the next 07:00 Nairobi. */
export function nextSendableTime(at: Date): Date {
  if (!isQuietHours(at)) return at;
  const local = new Date(at.getTime() + OFFSET_MS);
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_UNTIL_HOUR) - OFFSET_MS;
  return new Date(local.getUTCHours() >= QUIET_FROM_HOUR ? morning + 86_400_000 : morning);
}

export function nairobiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`, both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
