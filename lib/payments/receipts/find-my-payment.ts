import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { listLeasesForCaller, type LeaseView } from '@/db/queries/leases';
import { getReceiptCheckByReceipt, lockReceiptCheck, updateReceiptCheck, type ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import { getPaymentByReceipt } from '@/db/queries/payments';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format-time';
import { leaseAcceptsPayments } from '@/lib/leases/lease-status';
import { formatKes } from '@/lib/money';
import { claimReceipt, queryReceipt } from './claim-receipt';
import { spendNewCodeQuery, spendPaymentLookup } from './payment-lookup-throttle';
import { resolveConfirmedReceipt } from './resolve-receipt';
import { checkTenantClaim } from './tenant-claim';
import type { z } from 'zod';
import type { foundPaymentSchema, paymentLookupAnswerSchema } from './payment-lookup-answer';

/**
 * "I paid — find my payment." A tenant whose payment is missing gives the M-Pesa code from their SMS. Haven looks in
 * its books first, then asks M-Pesa (Transaction Status, through the receipt check every other source uses), and
 * credits the money to the tenant's lease through the same verified path as a paybill confirmation — only when M-Pesa
 * proves it was paid from the tenant's phone into their agency's paybill. The receipt is the payment's identity, so a
 * code already in the books is never credited again. Nothing about another person's payment is ever told.
 */

export const MPESA_CODE_PATTERN = /^[A-Z0-9]{10}$/;
/** A code M-Pesa did not know is asked about again after this long (it may not be queryable the second it is issued). */
const ASK_AGAIN_AFTER_MS = 3 * 60_000;

export type FoundPayment = z.infer<typeof foundPaymentSchema>;
export type PaymentLookup = z.infer<typeof paymentLookupAnswerSchema>;

const home = (lease: LeaseView) => `${lease.propertyName}, unit ${lease.unitLabel}`;

const notYours = (): PaymentLookup => ({
  outcome: 'not-yours',
  message:
    'We cannot credit this code to your lease: M-Pesa does not show it as a payment from your phone to your agency’s paybill. If someone else paid for you, or you paid from another phone, contact your agency with the code.',
});

const checking = (receipt: string, paybill: string): PaymentLookup => ({
  outcome: 'checking',
  message: `We are asking M-Pesa about ${receipt}. If it is a payment from your phone to paybill ${paybill}, it is credited to your lease within a minute or two: check again shortly.`,
});

async function found(db: Db, outcome: 'credited' | 'already-credited', receipt: string, leases: LeaseView[]): Promise<PaymentLookup | null> {
  const payment = await getPaymentByReceipt(db, { receipt });
  const lease = payment ? leases.find((l) => l.id === payment.leaseId) : undefined;
  if (!payment || !lease) return null;
  const view = { id: payment.id, receipt, amountCents: payment.amountCents, paidAt: payment.paidAt.toISOString(), home: home(lease) };
  const when = `${formatKes(payment.amountCents)} paid ${formatDateTime(payment.paidAt)}`;
  const message =
    outcome === 'credited'
      ? `Found it: ${when} is now credited to ${view.home}.`
      : `This payment is already in your account: ${when}, credited to ${view.home}. It is in your payment history.`;
  return { outcome, message, payment: view };
}

/**
 * A proven receipt nothing else could place: the tenant's lease gets it if M-Pesa's payer is their phone on file.
 * One transaction, with the check locked: two lookups (or a lookup and the statement) cannot both place it.
 */
async function placeOnTenantLease(db: Db, { caller, checkId, leaseId }: { caller: Caller; checkId: string; leaseId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const check = await lockReceiptCheck(tx, { id: checkId });
    if (!check || check.status !== 'CONFIRMED' || check.resolution !== 'unmatched') return false;
    const verdict = await checkTenantClaim(tx, { check, leaseId });
    await recordAudit(tx, {
      actor: caller,
      agencyId: check.agencyId,
      action: verdict.ok ? 'receipt.tenant_claim_accepted' : 'receipt.tenant_claim_refused',
      targetType: 'mpesa_receipt_check',
      targetId: check.id,
      details: { receipt: check.receipt, leaseId, ...(verdict.ok ? {} : { reason: verdict.reason }) },
    });
    if (!verdict.ok) return false;
    const claimed = (await updateReceiptCheck(tx, { id: check.id, set: { claimedLeaseId: leaseId } })) ?? check;
    const resolution = await resolveConfirmedReceipt(tx, claimed);
    return resolution === 'credited' || resolution === 'review';
  });
}

/** What the receipt check says, and what the tenant is told about it. */
async function answerFromCheck(db: Db, { caller, check, lease, leases }: { caller: Caller; check: ReceiptCheckRow; lease: LeaseView; leases: LeaseView[] }): Promise<PaymentLookup> {
  const paybill = lease.paybillShortcode ?? check.shortcode;
  if (check.agencyId !== null && check.agencyId !== lease.agencyId) return notYours();
  if (check.status === 'PENDING') {
    // Name the lease if no one has yet, so the proof credits it without the tenant coming back.
    if (!check.claimedLeaseId) await claimReceipt(db, { receipt: check.receipt, shortcode: check.shortcode, source: 'tenant-lookup', leaseId: lease.id });
    return checking(check.receipt, paybill);
  }
  if (check.status === 'CONFIRMED') {
    if (check.resolution === 'unmatched' && (await placeOnTenantLease(db, { caller, checkId: check.id, leaseId: lease.id }))) {
      return (await found(db, 'credited', check.receipt, leases)) ?? notYours();
    }
    return (await found(db, 'already-credited', check.receipt, leases)) ?? notYours();
  }
  // NOT_FOUND or UNRESOLVED: M-Pesa did not know the code (on this paybill). It may only just have been issued.
  const since = check.resolvedAt ? Date.now() - check.resolvedAt.getTime() : Infinity;
  if (check.status === 'NOT_FOUND' && since > ASK_AGAIN_AFTER_MS && check.shortcode === lease.paybillShortcode) {
    await spendNewCodeQuery(db, { userId: caller.id });
    const reopened = await updateReceiptCheck(db, {
      id: check.id,
      set: { status: 'PENDING', resolution: null, resolvedAt: null, queryCount: 0, lastQueriedAt: null, claimedLeaseId: check.claimedLeaseId ?? lease.id },
    });
    if (reopened) await queryReceipt(db, reopened);
    return checking(check.receipt, paybill);
  }
  return {
    outcome: 'not-found',
    message: `M-Pesa does not show ${check.receipt} as a payment to paybill ${paybill}. Check the code in your M-Pesa SMS; if you paid just now, try again in a few minutes.`,
  };
}

export async function findMyPayment(db: Db, { caller, code, leaseId }: { caller: Caller; code: string; leaseId?: string }): Promise<PaymentLookup> {
  if (caller.role !== 'tenant') throw new AppError('not_found', 'Not found');
  const receipt = code.trim().toUpperCase();
  if (!MPESA_CODE_PATTERN.test(receipt)) throw new AppError('invalid_request', 'An M-Pesa code has 10 letters and digits, like TAH5J2K991: copy it from your M-Pesa SMS');
  await spendPaymentLookup(db, { userId: caller.id });

  // The caller's own leases (data-layer scope): a code credited to one of them is theirs, any other is not.
  const leases = await listLeasesForCaller(db, { caller });
  const inBooks = await getPaymentByReceipt(db, { receipt });
  if (inBooks) return (await found(db, 'already-credited', receipt, leases)) ?? notYours();

  const payable = leases.filter((l) => leaseAcceptsPayments(l.status));
  const lease = leaseId ? payable.find((l) => l.id === leaseId) : payable[0];
  if (!lease) {
    if (leaseId) throw new AppError('not_found', 'That lease was not found');
    throw new AppError('conflict', 'You have no lease in force to credit a payment to. Contact your agency with the code.');
  }
  if (!lease.paybillShortcode) throw new AppError('conflict', 'Your agency has no M-Pesa paybill set up yet. Contact your agency with the code.');

  const known = await getReceiptCheckByReceipt(db, { receipt });
  if (known) return answerFromCheck(db, { caller, check: known, lease, leases });

  await spendNewCodeQuery(db, { userId: caller.id });
  const { check } = await claimReceipt(db, { receipt, shortcode: lease.paybillShortcode, source: 'tenant-lookup', leaseId: lease.id });
  // Usually still waiting for M-Pesa's answer; if it is already in, say what it proved.
  return check.status === 'PENDING' ? checking(receipt, lease.paybillShortcode) : answerFromCheck(db, { caller, check, lease, leases });
}
