import 'server-only';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLease, recordPayment } from '@/db/queries/ledger';
import { findUntiedProvenStkPayments } from '@/db/queries/mpesa-receipt-checks';
import { updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { getPaymentByPushId, linkPaymentToPush } from '@/db/queries/payments';
import { describeResult } from '@/lib/mpesa/result-codes';
import { enqueuePaymentReceipt } from '@/lib/messaging/notify-tenant';
import { notifyStkStatus } from './stk-events';

/**
 * The two ways the STK query's answer changes a push. Both run inside a transaction that holds the push row
 * `FOR UPDATE` (then the lease), so callbacks, queries, sweeps and receipt proofs apply one after the other, and
 * both are idempotent: a second success changes nothing, and nothing downgrades a success.
 *
 * The STK query carries no receipt. The payment it credits gets its receipt only from evidence (a receipt that
 * Transaction Status proves to be this push's money — see lib/payments/receipts), never from a callback's word.
 */

export type SettleOutcome = 'applied' | 'duplicate';
export type SettleSource = 'callback' | 'query';

const appendReason = (current: string | null, reason: string) => (current && !current.includes(reason) ? `${current}; ${reason}` : reason);

export async function settleStkSuccess(
  tx: Tx,
  { push, resultDesc, source }: { push: StkRow; resultDesc: string; source: SettleSource },
): Promise<SettleOutcome> {
  if (push.status === 'SUCCESS') return 'duplicate';
  const now = new Date();
  await lockLease(tx, { leaseId: push.leaseId });
  // A proven receipt may already have credited this push (its paybill twin came first): nothing more to credit.
  const credited = await getPaymentByPushId(tx, { pushId: push.id });
  // Or it was credited as an STK payment from this phone for this amount that no push claimed yet (M-Pesa gave no
  // MerchantRequestID to tie it): exactly one such payment is this push's money (SPEC §9.6); several go to a person.
  const untied = credited ? [] : await findUntiedProvenStkPayments(tx, { leaseId: push.leaseId, phone: push.phone, amountCents: push.amountCents, since: new Date(push.createdAt.getTime() - 60_000) });
  const twin = untied.length === 1 ? untied[0]! : null;
  if (twin) {
    await linkPaymentToPush(tx, { paymentId: twin.id, pushId: push.id });
    await recordAudit(tx, { actor: null, agencyId: push.agencyId, action: 'payment.tied_to_push', targetType: 'payment', targetId: twin.id, details: { pushId: push.id, receipt: twin.receipt } });
  }
  const payment =
    credited || twin
      ? null
      : await recordPayment(tx, {
          agencyId: push.agencyId,
          leaseId: push.leaseId,
          amountCents: push.amountCents,
          method: 'mpesa_stk',
          mpesaReceiptNumber: null,
          mpesaTransactionId: push.id,
          payerPhone: push.phone,
          paidAt: now,
          recordedBy: null,
        });
  const reasons = [
    push.status === 'PENDING' ? null : `M-Pesa confirmed the payment after the push was marked ${push.status}`,
    untied.length > 1 ? 'Several STK payments from this phone for this amount are not tied to a push: check for a duplicate' : null,
  ].filter((r): r is string => r !== null);
  await updatePush(tx, {
    id: push.id,
    set: {
      status: 'SUCCESS',
      resultCode: '0',
      resultDescription: resultDesc,
      completedAt: now,
      ...(twin?.receipt ? { mpesaReceiptNumber: twin.receipt } : {}),
      ...(source === 'callback' ? { callbackReceivedAt: now } : {}),
      ...(reasons.length ? { needsReview: true, reviewReason: reasons.reduce(appendReason, push.reviewReason ?? '') || null } : {}),
    },
  });
  if (payment) {
    await recordAudit(tx, {
      actor: null,
      agencyId: push.agencyId,
      action: 'payment.credited',
      targetType: 'payment',
      targetId: payment.id,
      details: { source: `stk-${source}`, pushId: push.id, amountCents: payment.amountCents, receipt: null },
    });
    await enqueuePaymentReceipt(tx, { paymentId: payment.id, payment });
  }
  await notifyStkStatus(tx, push);
  return 'applied';
}

export async function settleStkFailure(
  tx: Tx,
  { push, resultCode, resultDesc, source }: { push: StkRow; resultCode: string; resultDesc: string; source: SettleSource },
): Promise<SettleOutcome> {
  // Only a pending push can fail: a later failure never downgrades a success, and the first final answer wins.
  if (push.status !== 'PENDING') return 'duplicate';
  const status = describeResult({ api: 'stk', code: resultCode, resultDesc }).status;
  if (status === 'PENDING' || status === 'SUCCESS') return 'duplicate';
  const now = new Date();
  await updatePush(tx, {
    id: push.id,
    set: { status, resultCode, resultDescription: resultDesc, completedAt: now, ...(source === 'callback' ? { callbackReceivedAt: now } : {}) },
  });
  await notifyStkStatus(tx, push);
  return 'applied';
}
