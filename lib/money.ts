/**
 * Money is integer cents everywhere (bigint columns read in number mode: KES amounts stay far below 2^53).
 * Daraja moves whole shillings only, so conversions to Daraja amounts reject anything that is not.
 */

export type Cents = number;

const wholeKes = new Intl.NumberFormat('en-KE', { maximumFractionDigits: 0 });
const kesWithCents = new Intl.NumberFormat('en-KE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function kesToCents(kes: number): Cents {
  const cents = Math.round(kes * 100);
  if (!Number.isSafeInteger(cents) || Math.abs(cents - kes * 100) > 1e-6) throw new RangeError(`Not a KES amount: ${kes}`);
  return cents;
}

/** Whole shillings for Daraja; throws when the amount has cents, because Daraja would reject it. */
export function centsToWholeKes(cents: Cents): number {
  if (!isCents(cents) || cents % 100 !== 0) throw new RangeError('M-Pesa amounts must be whole shillings');
  return cents / 100;
}

/** `KES 1,200` (or `KES 1,200.50` when there are cents); negative amounts as `-KES 300`. */
export function formatKes(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}KES ${(abs % 100 === 0 ? wholeKes : kesWithCents).format(abs / 100)}`;
}
