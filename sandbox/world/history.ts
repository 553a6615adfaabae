import { createDemoRandom, demoPaymentsBetween, type DemoPayment } from '../../db/demo-payments';
import { conversationId } from '../ids';
import type { Transaction } from './types';

/**
 * Haven's demo seed writes paid-up months whose receipts M-Pesa must know (db/demo-payments.ts is shared by both).
 * The app's database may have been seeded on any day long before this process started, so the sandbox knows every
 * payment any seed could have written from two years back to two months ahead. Computing that takes a moment, so it
 * happens on the first lookup of a receipt the live world does not know, not at start-up.
 *
 * These payments predate the sandbox's balances (the seeded wallets and Utility balance are what was left after
 * them), so making one known moves no money; reversing one later moves it back like any reversal.
 */

const DAY_MS = 24 * 3600_000;
let index: Map<string, DemoPayment> | undefined;

function seededIndex(): Map<string, DemoPayment> {
  const now = Date.now();
  index ??= demoPaymentsBetween(new Date(now - 730 * DAY_MS), new Date(now + 60 * DAY_MS));
  return index;
}

/** A MerchantRequestID-shaped id derived from the receipt, so repeated lookups agree. */
function seededMerchantRequestId(receipt: string): string {
  const random = createDemoRandom(`merchant|${receipt}`);
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}${100_000 + Math.floor(random() * 900_000)}`;
}

export function seededTransaction(receipt: string): Transaction | undefined {
  const p = seededIndex().get(receipt);
  if (!p) return undefined;
  const stk = p.method === 'mpesa_stk';
  return {
    receipt: p.receipt,
    kind: stk ? 'stk' : 'c2b',
    amountCents: p.amountCents,
    debit: { type: 'subscriber', msisdn: p.payerPhone },
    credit: { type: 'org', shortcode: p.shortcode, account: 'utility' },
    at: p.paidAt,
    reason: stk ? 'Pay Bill Online' : 'Pay Utility',
    accountReference: p.accountReference,
    commandId: 'CustomerPayBillOnline',
    conversationId: conversationId(p.paidAt),
    ...(stk ? { merchantRequestId: seededMerchantRequestId(p.receipt) } : {}),
    seeded: true,
  };
}
