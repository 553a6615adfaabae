import 'server-only';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLease, recordPayment } from '@/db/queries/ledger';
import { findLeaseByPaybillAccount, setC2bConfirmationOutcome } from '@/db/queries/mpesa-c2b';
import { findPushByMerchantRequestId, findPushesAwaitingReceipt, updateReceiptCheck, type ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import { getPushById, lockPushById, updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { fillPaymentReceipt, getPaymentByPushId, getPaymentByReceipt } from '@/db/queries/payments';
import type { ReceiptResolution } from '@/db/schema';
import { formatKes } from '@/lib/money';
import { notifyStkStatus } from '../stk/stk-events';
import { enqueuePaymentReceipt } from '@/lib/messaging/notify-tenant';
import { syncUnplacedReceipt } from '@/lib/unmatched/record-unplaced-payment';
import { checkTenantClaim } from './tenant-claim';

/**
 * Puts a receipt that Transaction Status proved into the books, exactly once (ARCHITECTURE invariant 1):
 * - already credited → nothing to do;
 * - the money of one of our STK pushes (its MerchantRequestID, or — where M-Pesa gives none — an STK payment from
 *   the push's phone for its amount on its lease, SPEC §9.6) → that push's payment, crediting it if the push had
 *   not been credited yet, or giving the receipt to the payment the STK query credited without one;
 * - otherwise a paybill payment to the lease the account number names, or unmatched (kept for a person).
 * Two different receipts are never merged: when the evidence is ambiguous the receipt is credited on its own and
 * flagged, so no money is lost while a person decides.
 */

const PUSH_WINDOW_BEFORE_MS = 24 * 60 * 60_000;
const PUSH_WINDOW_AFTER_MS = 5 * 60_000;

interface Proven {
  receipt: string;
  amountCents: number;
  payer: string | null;
  route: string | null;
  paidAt: Date;
}

/** What a paybill confirmation of this receipt shows once the receipt is settled. */
export function confirmationOutcomeOf(resolution: ReceiptResolution) {
  return resolution === 'receipt-attached' ? ('receipt_attached' as const) : resolution;
}

const appendReason = (current: string | null, reason: string) => (current && !current.includes(reason) ? `${current}; ${reason}` : reason);

/** Why this proven payment cannot be the push's money, or null when it can be. */
function pushMismatch(push: StkRow, proven: Proven): string | null {
  const problems: string[] = [];
  if (proven.route !== 'stk') problems.push(`it was a ${proven.route ?? 'different kind of'} payment, not an STK payment`);
  if (proven.payer && proven.payer !== push.phone) problems.push(`paid by ${proven.payer}, the prompt went to ${push.phone}`);
  if (proven.amountCents !== push.amountCents) problems.push(`${formatKes(proven.amountCents)} paid, ${formatKes(push.amountCents)} asked`);
  return problems.length ? problems.join('; ') : null;
}

/** The push this receipt is the money of, if the evidence says so unambiguously. */
async function findPushForReceipt(tx: Tx, check: ReceiptCheckRow, proven: Proven, leaseId: string | null): Promise<{ push: StkRow | null; ambiguous: boolean }> {
  if (check.merchantRequestId) {
    const push = await findPushByMerchantRequestId(tx, { merchantRequestId: check.merchantRequestId });
    if (push) return { push, ambiguous: false };
  }
  const claimed = check.claimedPushId ? await getPushById(tx, { id: check.claimedPushId }) : null;
  // A MerchantRequestID naming another push (or none of ours) rules the claimed push out.
  if (claimed && !check.merchantRequestId && !pushMismatch(claimed, proven)) return { push: claimed, ambiguous: false };
  const lease = leaseId ?? claimed?.leaseId ?? null;
  if (proven.route !== 'stk' || !proven.payer || !lease) return { push: null, ambiguous: false };
  const candidates = (
    await findPushesAwaitingReceipt(tx, {
      leaseId: lease,
      phone: proven.payer,
      amountCents: proven.amountCents,
      from: new Date(proven.paidAt.getTime() - PUSH_WINDOW_BEFORE_MS),
      to: new Date(proven.paidAt.getTime() + PUSH_WINDOW_AFTER_MS),
    })
  ).filter((p) => !check.merchantRequestId || p.merchantRequestId === null);
  if (candidates.length === 1) return { push: candidates[0]!, ambiguous: false };
  return { push: null, ambiguous: candidates.length > 1 };
}

export async function resolveConfirmedReceipt(tx: Tx, check: ReceiptCheckRow): Promise<ReceiptResolution> {
  if (check.amountCents === null) throw new Error(`receipt check ${check.id} is confirmed without an amount`);
  const proven: Proven = { receipt: check.receipt, amountCents: check.amountCents, payer: check.payerMsisdn, route: check.route, paidAt: check.completedAt ?? new Date() };
  const audit = (action: string, targetId: string, details: Record<string, unknown>) =>
    recordAudit(tx, { actor: null, agencyId: check.agencyId, action, targetType: 'payment', targetId, details: { receipt: check.receipt, checkId: check.id, ...details } });
  const finish = async (resolution: ReceiptResolution, { paymentId = null, review = null, leaseId }: { paymentId?: string | null; review?: string | null; leaseId?: string | null }) => {
    await updateReceiptCheck(tx, {
      id: check.id,
      set: { resolution, paymentId, resolvedAt: new Date(), ...(review ? { reviewReason: appendReason(check.reviewReason, review) } : {}) },
    });
    await setC2bConfirmationOutcome(tx, { transId: check.receipt, outcome: confirmationOutcomeOf(resolution), paymentId, ...(leaseId ? { leaseId } : {}) });
    // Money Haven could not place (or placed with doubts) waits in the unmatched queue for a person.
    await syncUnplacedReceipt(tx, { check, resolution, paymentId, reason: review });
    return resolution;
  };

  if (check.transactionStatus && check.transactionStatus !== 'completed') {
    return finish('review', { review: `M-Pesa shows this payment as ${check.transactionStatus}; not credited` });
  }
  const already = await getPaymentByReceipt(tx, { receipt: check.receipt });
  if (already) return finish('duplicate', { paymentId: already.id, leaseId: already.leaseId });

  const claimedLease = check.claimedAccountReference
    ? await findLeaseByPaybillAccount(tx, { shortcode: check.shortcode, accountReference: check.claimedAccountReference })
    : null;
  const { push, ambiguous } = await findPushForReceipt(tx, check, proven, claimedLease?.id ?? null);

  if (push) {
    const locked = (await lockPushById(tx, { id: push.id })) ?? push;
    await lockLease(tx, { leaseId: locked.leaseId });
    const mismatch = pushMismatch(locked, proven);
    const pushPayment = await getPaymentByPushId(tx, { pushId: locked.id });
    if (pushPayment && !pushPayment.mpesaReceiptNumber && !mismatch && (await fillPaymentReceipt(tx, { paymentId: pushPayment.id, receipt: check.receipt }))) {
      await updatePush(tx, { id: locked.id, set: { mpesaReceiptNumber: check.receipt, transactionDate: locked.transactionDate ?? proven.paidAt } });
      await notifyStkStatus(tx, locked);
      await audit('payment.receipt_attached', pushPayment.id, { pushId: locked.id, amountCents: proven.amountCents });
      return finish('receipt-attached', { paymentId: pushPayment.id, leaseId: locked.leaseId });
    }
    if (!pushPayment) {
      const payment = await recordPayment(tx, {
        agencyId: locked.agencyId,
        leaseId: locked.leaseId,
        amountCents: proven.amountCents,
        method: 'mpesa_stk',
        mpesaReceiptNumber: check.receipt,
        mpesaTransactionId: locked.id,
        payerPhone: proven.payer ?? locked.phone,
        paidAt: proven.paidAt,
        recordedBy: null,
      });
      if (!payment) return finish('duplicate', {});
      // The push may have been closed (query said failed, deadline passed, the send looked lost): M-Pesa proves it paid.
      const late = locked.status === 'PENDING' ? null : `Transaction Status proves receipt ${check.receipt} paid this push after it was marked ${locked.status}`;
      const review = [late, mismatch].filter(Boolean).join('; ') || null;
      await updatePush(tx, {
        id: locked.id,
        set: {
          status: 'SUCCESS',
          mpesaReceiptNumber: check.receipt,
          resultCode: '0',
          resultDescription: locked.resultDescription && locked.status === 'SUCCESS' ? locked.resultDescription : 'Paid (proven by Transaction Status)',
          transactionDate: proven.paidAt,
          completedAt: new Date(),
          ...(review ? { needsReview: true, reviewReason: appendReason(locked.reviewReason, review) } : {}),
        },
      });
      await notifyStkStatus(tx, locked);
      await audit('payment.credited', payment.id, { source: 'transaction-status', pushId: locked.id, amountCents: payment.amountCents, claimedBy: check.source });
      await enqueuePaymentReceipt(tx, { paymentId: payment.id, payment });
      return finish(review && mismatch ? 'review' : 'credited', { paymentId: payment.id, review, leaseId: locked.leaseId });
    }
    // The push's payment already has another receipt: two receipts are two payments, never one.
    const review = `Receipt ${check.receipt} names push ${locked.id}, whose payment already has receipt ${pushPayment.mpesaReceiptNumber ?? '(none)'}${mismatch ? ` (${mismatch})` : ''}: credited on its own for a person to check`;
    return creditToLease(tx, check, proven, { leaseId: locked.leaseId, agencyId: locked.agencyId, review, finish, audit });
  }

  if (!claimedLease) {
    // Nothing else places it: a tenant's "I paid this" may, if M-Pesa proves it came from their phone.
    const tenant = check.claimedLeaseId ? await checkTenantClaim(tx, { check, leaseId: check.claimedLeaseId }) : null;
    if (tenant?.ok) return creditToLease(tx, check, proven, { leaseId: tenant.leaseId, agencyId: tenant.agencyId, review: null, finish, audit });
    const why = check.claimedAccountReference ? `No lease has account "${check.claimedAccountReference}" on paybill ${check.shortcode}` : 'No account number to place it by';
    return finish('unmatched', { review: tenant && !tenant.ok ? `${why}; ${tenant.reason}` : why });
  }
  const review = ambiguous ? `More than one STK push on this lease could be this money (${formatKes(proven.amountCents)} from ${proven.payer}): a person should check for a duplicate` : null;
  return creditToLease(tx, check, proven, { leaseId: claimedLease.id, agencyId: claimedLease.agencyId, review, finish, audit });
}

async function creditToLease(
  tx: Tx,
  check: ReceiptCheckRow,
  proven: Proven,
  {
    leaseId,
    agencyId,
    review,
    finish,
    audit,
  }: {
    leaseId: string;
    agencyId: string;
    review: string | null;
    finish: (resolution: ReceiptResolution, options: { paymentId?: string | null; review?: string | null; leaseId?: string | null }) => Promise<ReceiptResolution>;
    audit: (action: string, targetId: string, details: Record<string, unknown>) => Promise<void>;
  },
): Promise<ReceiptResolution> {
  // recordPayment locks the lease first thing: once per payment is enough.
  const payment = await recordPayment(tx, {
    agencyId,
    leaseId,
    amountCents: proven.amountCents,
    method: proven.route === 'stk' ? 'mpesa_stk' : 'mpesa_paybill',
    mpesaReceiptNumber: check.receipt,
    payerPhone: proven.payer,
    paidAt: proven.paidAt,
    recordedBy: null,
  });
  if (!payment) return finish('duplicate', {});
  await audit('payment.credited', payment.id, { source: 'transaction-status', claimedBy: check.source, amountCents: payment.amountCents, account: check.claimedAccountReference, review });
  await enqueuePaymentReceipt(tx, { paymentId: payment.id, payment });
  const claimedOther = check.claimedAmountCents !== null && check.claimedAmountCents !== proven.amountCents;
  const amountNote = claimedOther ? `The ${check.source} claimed ${formatKes(check.claimedAmountCents ?? 0)}; M-Pesa proves ${formatKes(proven.amountCents)}, which was credited` : null;
  const notes = [review, amountNote].filter(Boolean).join('; ') || null;
  return finish(notes ? 'review' : 'credited', { paymentId: payment.id, review: notes, leaseId });
}

