import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { InboxOutcome } from '@/db/queries/callback-inbox';
import { findLeaseByPaybillAccount } from '@/db/queries/mpesa-c2b';
import { DEFAULT_AMOUNT_LIMITS, darajaMoneyToCents, type AmountLimit } from '@/lib/mpesa/amounts';
import { parseC2bValidation, type C2bNotification, type C2bValidationCode } from '@/lib/mpesa/callbacks';
import { getEnv } from '@/lib/env';
import { readAccountReference } from '@/lib/leases/account-reference';
import { leaseAcceptsPayments } from '@/lib/leases/lease-status';

/**
 * Whether a paybill payment may go ahead (SPEC §9.3). The customer's money has not moved yet, so refusing is
 * cheap and safe: they get Safaricom's SMS for the code and can pay again with the right account number.
 */

export interface C2bValidationDecision {
  code: C2bValidationCode;
  /** How the stored validation request is marked in the inbox. */
  outcome: Extract<InboxOutcome, 'applied' | 'unmatched' | 'invalid'>;
  transId: string | null;
  leaseId: string | null;
  agencyId: string | null;
  reason: string | null;
}

function describeUnknownAccount(typed: string): string {
  const reading = readAccountReference(typed);
  if (reading?.checked && !reading.checked.valid) return `no lease has this account number on this paybill (if "${reading.checked.check}" is meant as its check character, it is wrong)`;
  return 'no lease has this account number on this paybill';
}

/** Daraja moves whole shillings only (ARCHITECTURE "Money"), within the C2B limits. */
export function isAcceptableC2bAmount(amountCents: number, limit: AmountLimit = DEFAULT_AMOUNT_LIMITS.c2b): boolean {
  return Number.isSafeInteger(amountCents) && amountCents % 100 === 0 && amountCents >= limit.minKes * 100 && amountCents <= limit.maxKes * 100;
}

function readTransAmount(body: unknown): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>).TransAmount : undefined;
}

/** What validation does with money for an account number that names no lease (HAVEN_PAYBILL_UNKNOWN_ACCOUNT). */
export type UnknownAccountPolicy = 'reject' | 'accept';

export async function decideC2bValidation(
  db: DbOrTx,
  { body, unknownAccount = getEnv().paybillUnknownAccount }: { body: string; unknownAccount?: UnknownAccountPolicy },
): Promise<C2bValidationDecision> {
  let raw: unknown;
  let n: C2bNotification;
  try {
    raw = JSON.parse(body) as unknown;
    n = parseC2bValidation(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // A body we cannot read could not be credited either: refuse it now rather than take money we cannot place.
    const cents = darajaMoneyToCents(readTransAmount(raw));
    const code = cents === null || cents <= 0 ? 'C2B00013' : 'C2B00016';
    return { code, outcome: 'invalid', transId: null, leaseId: null, agencyId: null, reason };
  }

  if (!isAcceptableC2bAmount(n.amountCents)) {
    return { code: 'C2B00013', outcome: 'invalid', transId: n.transId, leaseId: null, agencyId: null, reason: `amount ${n.amountCents} cents is not a whole shilling amount within the C2B limits` };
  }
  const lease = await findLeaseByPaybillAccount(db, { shortcode: n.businessShortCode, accountReference: n.billRefNumber });
  if (!lease || !leaseAcceptsPayments(lease.status)) {
    const why = lease ? `lease ${lease.accountReference} is ${lease.status}` : describeUnknownAccount(n.billRefNumber);
    // Accepted, the confirmation that follows is proven and then held as unmatched for a person to place.
    const code = unknownAccount === 'accept' ? '0' : 'C2B00012';
    return { code, outcome: 'unmatched', transId: n.transId, leaseId: null, agencyId: lease?.agencyId ?? null, reason: `account "${n.billRefNumber}": ${why}${code === '0' ? ' (accepted to suspense)' : ''}` };
  }
  return { code: '0', outcome: 'applied', transId: n.transId, leaseId: lease.id, agencyId: lease.agencyId, reason: null };
}

/**
 * Inbox processor for `c2b-validation`. The route marks each row as it answers; this only runs for a row the
 * route stored but could not mark, and records the same read-only decision (nothing in the books changes).
 */
export async function applyC2bValidation(db: DbOrTx, row: { body: string }) {
  const decision = await decideC2bValidation(db, { body: row.body });
  return { outcome: decision.outcome, correlationId: decision.transId, error: decision.reason, agencyId: decision.agencyId };
}
