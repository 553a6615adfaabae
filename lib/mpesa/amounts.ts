import { formatKes, isCents, type Cents } from '../money';
import { validationError, type DarajaApi } from './errors';

/**
 * Amount rules for Daraja requests. Daraja moves whole shillings only (decimals → `Invalid Amount`), and each API
 * has limits (SPEC §12: STK KES 1–250,000; B2C KES 10–250,000). Safaricom changes limits, so they are
 * configurable per client; these are the documented defaults.
 */

export type AmountApi = 'stk' | 'b2c' | 'reversal' | 'c2b';

export interface AmountLimit {
  minKes: number;
  maxKes: number;
}

export type AmountLimits = Record<AmountApi, AmountLimit>;

export const DEFAULT_AMOUNT_LIMITS: AmountLimits = {
  stk: { minKes: 1, maxKes: 250_000 },
  b2c: { minKes: 10, maxKes: 250_000 },
  // SPEC gives no reversal limit; a reversal undoes a payment that already passed the STK/C2B limits.
  reversal: { minKes: 1, maxKes: 250_000 },
  c2b: { minKes: 1, maxKes: 250_000 },
};

const darajaApiOf: Record<AmountApi, DarajaApi> = { stk: 'stk-push', b2c: 'b2c', reversal: 'reversal', c2b: 'c2b-simulate' };

/** Checks an amount in cents and returns the whole-shilling number Daraja wants; throws a `validation` DarajaError. */
export function toDarajaAmount({ api, amountCents, limits = DEFAULT_AMOUNT_LIMITS }: { api: AmountApi; amountCents: Cents; limits?: AmountLimits }): number {
  if (!isCents(amountCents)) throw validationError('The amount must be a whole number of cents', darajaApiOf[api]);
  if (amountCents % 100 !== 0) {
    throw validationError(`M-Pesa only moves whole shillings: ${formatKes(amountCents)} has cents`, darajaApiOf[api]);
  }
  const kes = amountCents / 100;
  const { minKes, maxKes } = limits[api];
  if (kes < minKes) throw validationError(`The minimum M-Pesa amount here is ${formatKes(minKes * 100)}`, darajaApiOf[api]);
  if (kes > maxKes) throw validationError(`The maximum M-Pesa amount here is ${formatKes(maxKes * 100)}`, darajaApiOf[api]);
  return kes;
}

/**
 * Daraja money values → integer cents. Numbers arrive as JSON `1.00`/`-1980.00` (already a JS number by now);
 * strings (`"5.00"`, C2B TransAmount, pipe-separated balances) are converted digit by digit so no float
 * rounding creeps in. Returns null for anything that is not an amount.
 */
export function darajaMoneyToCents(value: unknown): Cents | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const cents = Math.round(value * 100);
    return Number.isSafeInteger(cents) ? cents : null;
  }
  if (typeof value !== 'string') return null;
  const m = /^\s*(-?)(\d+)(?:\.(\d{1,2}))?\s*$/.exec(value.replace(/,/g, ''));
  if (!m) return null;
  const [, sign = '', whole = '0', frac = ''] = m;
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return sign === '-' ? -cents : cents;
}
