/** Days as people in Kenya mean them: Nairobi calendar days (UTC+3 all year, no daylight saving). */

const NAIROBI_OFFSET_MS = 3 * 3600_000;

/** `2026-12-02` for the Nairobi day a moment falls in. */
export function nairobiDay(at: Date = new Date()): string {
  return new Date(at.getTime() + NAIROBI_OFFSET_MS).toISOString().slice(0, 10);
}

export function isNairobiDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The UTC instants a Nairobi day starts and ends at (it starts at 21:00 UTC the day before). */
export function nairobiDayBounds(day: string): { from: Date; to: Date } {
  const start = Date.parse(`${day}T00:00:00Z`) - NAIROBI_OFFSET_MS;
  return { from: new Date(start), to: new Date(start + 24 * 3600_000) };
}

export function shiftNairobiDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 24 * 3600_000).toISOString().slice(0, 10);
}
