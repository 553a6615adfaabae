/**
 * Rent periods are calendar months in Nairobi (`YYYY-MM`). Kenya is UTC+3 all year with no daylight saving, so a
 * fixed offset is exact.
 */
const NAIROBI_OFFSET_MS = 3 * 3600_000;

const formatPeriodKey = (year: number, monthIndex: number) => `${year}-${String(monthIndex + 1).padStart(2, '0')}`;

/** The months ending with the current one, oldest first. */
export function recentPeriods(now: Date, months = 6): { period: string; year: number; month: number }[] {
  const nairobi = new Date(now.getTime() + NAIROBI_OFFSET_MS);
  const out: { period: string; year: number; month: number }[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(nairobi.getUTCFullYear(), nairobi.getUTCMonth() - i, 1));
    out.push({ period: formatPeriodKey(d.getUTCFullYear(), d.getUTCMonth()), year: d.getUTCFullYear(), month: d.getUTCMonth() });
  }
  return out;
}

export function currentPeriod(now: Date = new Date()): string {
  return recentPeriods(now, 1)[0]!.period;
}

/** The UTC instants a period starts and ends at: a Nairobi month starts at 21:00 UTC the day before. */
export function periodBounds(period: string): { from: Date; to: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - NAIROBI_OFFSET_MS), to: new Date(Date.UTC(y, m, 1) - NAIROBI_OFFSET_MS) };
}

/** `2026-11` + 2 → `2027-01`. */
export function addPeriods(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return formatPeriodKey(d.getUTCFullYear(), d.getUTCMonth());
}

/** The period a `YYYY-MM-DD` date falls in. */
export const periodOfDate = (isoDate: string): string => isoDate.slice(0, 7);

export function daysInPeriod(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of a day in a period (clamped to the month's last day). */
export function dateInPeriod(period: string, day: number): string {
  return `${period}-${String(Math.min(day, daysInPeriod(period))).padStart(2, '0')}`;
}

/** Today's date in Nairobi, `YYYY-MM-DD`. */
export function nairobiDate(now: Date): string {
  return new Date(now.getTime() + NAIROBI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant a Nairobi calendar day starts. */
export function nairobiMidnight(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - NAIROBI_OFFSET_MS);
}

/** Whole days from one `YYYY-MM-DD` to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const isPeriod = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
