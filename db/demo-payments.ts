import { formatAccountReference } from '../lib/leases/account-reference';
import { recentPeriods } from '../lib/ledger/rent-period';
import { demoAgency, demoLeases } from './seed-data';

/**
 * The demo payments, as a pure function of the month the demo database was seeded in. The app's seed writes them
 * into the books; the local Daraja sandbox imports the same function to know them as real M-Pesa payments, so
 * reversing a seeded payment or asking Transaction Status about it works.
 *
 * The app's database and the sandbox need not start on the same day (a dev database lives for months, the sandbox
 * forgets everything on restart), so nothing here may depend on the seeding instant beyond its Nairobi month:
 * the sandbox then knows every seed the app could have run by computing every day of a long window. Every payment
 * is at least two days older than the seeding instant, so seeded payments never fall inside a 48-hour Pull
 * Transactions window around the seed and cannot be mistaken for new money by a statement reconciler.
 */

export type DemoLease = (typeof demoLeases)[number];
export type DemoPaymentMethod = 'mpesa_stk' | 'mpesa_paybill';

export interface DemoPayment {
  accountReference: string;
  payerPhone: string;
  payerName: string;
  /** The shortcode the money went to. */
  shortcode: string;
  purpose: 'deposit' | 'rent';
  /** `YYYY-MM` of the rent paid; null for the deposit. */
  period: string | null;
  method: DemoPaymentMethod;
  amountCents: number;
  paidAt: Date;
  receipt: string;
  /** `YYYY-MM`: the (Nairobi) month of the seed that writes this payment. */
  seedPeriod: string;
}

const NAIROBI_OFFSET_MS = 3 * 3600_000;
const RECEIPT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** FNV-1a, to turn a payment's identity into a PRNG seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Deterministic PRNG (mulberry32), so a payment's receipt and time depend only on what identifies it. */
export function createDemoRandom(seed: number | string): () => number {
  let state = (typeof seed === 'string' ? hashString(seed) : seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** M-Pesa's dated receipt prefix in Nairobi time: year letter (L = 2017), month letter (A = Jan), day (1–9, A = 10 … V = 31). */
export function receiptDatePrefix(at: Date): string {
  const t = new Date(at.getTime() + NAIROBI_OFFSET_MS);
  const year = String.fromCharCode('L'.charCodeAt(0) + Math.max(0, Math.min(14, t.getUTCFullYear() - 2017)));
  const month = String.fromCharCode('A'.charCodeAt(0) + t.getUTCMonth());
  const day = t.getUTCDate();
  return `${year}${month}${day <= 9 ? String(day) : String.fromCharCode('A'.charCodeAt(0) + day - 10)}`;
}

export const demoAccountReference = (lease: Pick<DemoLease, 'property' | 'unit'>): string =>
  formatAccountReference({ propertyCode: lease.property, unitLabel: lease.unit });

type Period = ReturnType<typeof recentPeriods>[number];

const DAY_MS = 24 * 3600_000;

/** The Nairobi calendar date of an instant, as the UTC midnight of that date. */
export function nairobiDay(at: Date): Date {
  const t = new Date(at.getTime() + NAIROBI_OFFSET_MS);
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
}

interface Draft {
  lease: DemoLease;
  seedPeriod: string;
  purpose: DemoPayment['purpose'];
  period: string | null;
  amountCents: number;
  method: DemoPaymentMethod;
  paidAt: Date;
}

function finish(d: Draft, random: () => number): DemoPayment {
  const { lease, ...rest } = d;
  let tail = '';
  for (let i = 0; i < 7; i++) tail += RECEIPT_ALPHABET[Math.floor(random() * RECEIPT_ALPHABET.length)];
  return {
    ...rest,
    accountReference: demoAccountReference(lease),
    payerPhone: lease.tenant.phone,
    payerName: lease.tenant.name,
    shortcode: demoAgency.paybillShortcode,
    receipt: `${receiptDatePrefix(d.paidAt)}${tail}`,
  };
}

/** The deposit, paid by paybill at move-in (10:30 Nairobi on the first day of the oldest seeded month). */
export function demoDepositPayment({ lease, periods }: { lease: DemoLease; periods: Period[] }): DemoPayment {
  const first = periods[0]!;
  const seedPeriod = periods[periods.length - 1]!.period;
  const random = createDemoRandom(`${seedPeriod}|${demoAccountReference(lease)}|deposit`);
  const paidAt = new Date(Date.UTC(first.year, first.month, 1, 7, 30));
  return finish({ lease, seedPeriod, purpose: 'deposit', period: null, amountCents: lease.rentKes * 100, method: 'mpesa_paybill', paidAt }, random);
}

/**
 * Rent for `periods[index]`, or null when the demo tenant paid nothing that month. Each month is paid two days
 * before its due day, at a time drawn from the payment's identity. When that moment is less than three days before
 * the seeding day (the seeding month, early on), the tenant paid three days before the seeding day instead: never
 * in the future and never inside a 48-hour window around the seeding instant.
 */
export function demoRentPayment({ lease, periods, index, now }: { lease: DemoLease; periods: Period[]; index: number; now: Date }): DemoPayment | null {
  const p = periods[index]!;
  const last = periods.length - 1;
  const rentCents = lease.rentKes * 100;
  const extra = index === last && 'extraKes' in lease ? lease.extraKes * 100 : 0;
  const amountCents = Math.round(rentCents * (lease.paid[index] ?? 0)) + extra;
  if (amountCents <= 0) return null;
  const seedPeriod = periods[last]!.period;
  const key = `${seedPeriod}|${demoAccountReference(lease)}|rent|${p.period}`;
  let random = createDemoRandom(key);
  const method: DemoPaymentMethod = random() < 0.5 ? 'mpesa_stk' : 'mpesa_paybill';
  let paidAt = new Date(Date.UTC(p.year, p.month, Math.max(1, lease.dueDay - 2), 6 + Math.floor(random() * 12), Math.floor(random() * 60)));
  const latest = new Date(nairobiDay(now).getTime() - 3 * DAY_MS - NAIROBI_OFFSET_MS);
  if (paidAt.getTime() >= latest.getTime()) {
    // Depends on the seeding day, so the day is part of the identity (and of the receipt).
    random = createDemoRandom(`${key}|${nairobiDay(now).toISOString().slice(0, 10)}`);
    paidAt = new Date(latest.getTime() + Math.floor(random() * 12) * 3600_000 + Math.floor(random() * 60) * 60_000);
  }
  return finish({ lease, seedPeriod, purpose: 'rent', period: p.period, amountCents, method, paidAt }, random);
}

/** Every payment a seed run at `now` writes (deposits and rent, every demo lease). */
export function demoPayments(now: Date): DemoPayment[] {
  const periods = recentPeriods(now);
  const out: DemoPayment[] = [];
  for (const lease of demoLeases) {
    out.push(demoDepositPayment({ lease, periods }));
    for (let index = 0; index < periods.length; index++) {
      const rent = demoRentPayment({ lease, periods, index, now });
      if (rent) out.push(rent);
    }
  }
  return out;
}

/**
 * Every payment any seed run between `from` and `to` can have written, once per receipt (for the sandbox). Only the
 * seeding month's rent depends on the seeding day (older months are paid long before any day of the seeding
 * month), so each month is computed once and only that one payment per lease once per day.
 */
export function demoPaymentsBetween(from: Date, to: Date): Map<string, DemoPayment> {
  const out = new Map<string, DemoPayment>();
  let month = '';
  for (let day = nairobiDay(from).getTime(); day <= nairobiDay(to).getTime(); day += DAY_MS) {
    // Noon in Nairobi: any instant of the day gives the same payments.
    const now = new Date(day + 9 * 3600_000);
    const periods = recentPeriods(now);
    const last = periods.length - 1;
    const fullMonth = periods[last]!.period !== month;
    month = periods[last]!.period;
    for (const lease of demoLeases) {
      if (fullMonth) {
        const deposit = demoDepositPayment({ lease, periods });
        out.set(deposit.receipt, deposit);
      }
      for (let index = fullMonth ? 0 : last; index <= last; index++) {
        const rent = demoRentPayment({ lease, periods, index, now });
        if (rent) out.set(rent.receipt, rent);
      }
    }
  }
  return out;
}
