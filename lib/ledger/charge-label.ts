import { formatPeriod } from '@/lib/format-time';

/** How a charge reads to people: `Rent November 2026` (with the days when prorated), else its description. */
export function chargeLabel(c: { kind: string; period: string | null; description: string }): string {
  if (c.kind !== 'rent' || !c.period) return c.description;
  const days = /\((\d+ of \d+ days)\)/.exec(c.description)?.[1];
  return `Rent ${formatPeriod(c.period)}${days ? ` (${days})` : ''}`;
}
