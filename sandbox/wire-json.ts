import { randomBytes } from 'node:crypto';

/**
 * Daraja writes money as raw JSON numbers with two decimals (`"Value":1.00`, SPEC §1.4).
 * JSON.stringify cannot produce `1.00`, so money travels as a Money instance and is spliced in.
 */
export class Money {
  constructor(readonly cents: number) {}
}

export const money = (cents: number): Money => new Money(cents);

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// A per-process nonce so that no string sent by a client can forge a money marker.
const marker = `__money_${randomBytes(6).toString('hex')}__`;
const markerPattern = new RegExp(`"${marker}(-?\\d+)"`, 'g');

export function toWireJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof Money ? `${marker}${v.cents}` : v), indent);
  return text.replace(markerPattern, (_m, cents: string) => formatCents(Number(cents)));
}

/** KES amounts in the control API are plain numbers (80000 or 1.5); internally cents. */
export const kesToCents = (kes: number): number => Math.round(kes * 100);
export const centsToKes = (cents: number): number => cents / 100;
