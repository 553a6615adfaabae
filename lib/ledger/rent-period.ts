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
