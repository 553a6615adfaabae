import { daysBetween } from '@/lib/ledger/rent-period';

/**
 * Arrears by age: each charge still unpaid (after credit notes and the payments allocated to it) counts in the band
 * of the days since it fell due. A charge due today is 0 days old; one not yet due is not arrears at all.
 */

export const ARREARS_BANDS = [
  { key: '0-30', label: '0–30 days', maxDays: 30 },
  { key: '31-60', label: '31–60 days', maxDays: 60 },
  { key: '61-90', label: '61–90 days', maxDays: 90 },
  { key: '90+', label: 'Over 90 days', maxDays: Infinity },
] as const;

export type ArrearsBandKey = (typeof ARREARS_BANDS)[number]['key'];

export interface UnpaidCharge {
  leaseId: string;
  dueDate: string;
  outstandingCents: number;
}

export interface ArrearsBand {
  key: ArrearsBandKey;
  label: string;
  cents: number;
  leases: number;
}

export function ageArrears({ charges, today }: { charges: readonly UnpaidCharge[]; today: string }): { bands: ArrearsBand[]; totalCents: number; leases: number } {
  const cents = new Map<ArrearsBandKey, number>();
  const leases = new Map<ArrearsBandKey, Set<string>>();
  const all = new Set<string>();
  for (const c of charges) {
    const age = daysBetween(c.dueDate, today);
    if (age < 0 || c.outstandingCents <= 0) continue;
    const band = ARREARS_BANDS.find((b) => age <= b.maxDays)!;
    cents.set(band.key, (cents.get(band.key) ?? 0) + c.outstandingCents);
    leases.set(band.key, (leases.get(band.key) ?? new Set()).add(c.leaseId));
    all.add(c.leaseId);
  }
  const bands = ARREARS_BANDS.map((b) => ({ key: b.key, label: b.label, cents: cents.get(b.key) ?? 0, leases: leases.get(b.key)?.size ?? 0 }));
  return { bands, totalCents: bands.reduce((s, b) => s + b.cents, 0), leases: all.size };
}
