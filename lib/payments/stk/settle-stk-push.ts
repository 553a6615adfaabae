import 'server-only';
import type { Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLease, recordPayment } from '@/db/queries/ledger';
import { updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { fillPaymentReceipt, findUnlinkedPaybillPayment, getPaymentByPushId, getPaymentByReceipt, linkPaymentToPush } from '@/db/queries/payments';
import { describeResult } from '@/lib/mpesa/result-codes';
import { notifyStkStatus } from './stk-events';

/**
 * The only two ways a push's state changes after it was sent. Both run inside a transaction that holds the push
 * row `FOR UPDATE`, so concurrent callbacks, queries and sweeps are applied one after the other, and both are
 * idempotent: a second success changes nothing, and nothing downgrades a success.
 */

export type SettleOutcome = 'applied' | 'duplicate';
export type SettleSource = 'callback' | 'query';

export async function settleStkSuccess(
  tx: Tx,
  { push, receipt, transactionDate, resultDesc, source }: { push: StkRow; receipt: string | null; transactionDate: Date | null; resultDesc: string; source: SettleSource },
): Promise<SettleOutcome> {
  const now = new Date();
  if (push.status === 'SUCCESS') {
    // Credited from the query alone: the callback now brings the receipt number.
    if (receipt && !push.mpesaReceiptNumber) {
      const payment = await getPaymentByPushId(tx, { pushId: push.id });
      if (payment && !(await getPaymentByReceipt(tx, { receipt }))) await fillPaymentReceipt(tx, { paymentId: payment.id, receipt });
      await updatePush(tx, {
        id: push.id,
        set: { mpesaReceiptNumber: receipt, transactionDate: transactionDate ?? push.transactionDate, callbackReceivedAt: push.callbackReceivedAt ?? now },
      });
      await notifyStkStatus(tx, push);
      return 'applied';
    }
    // The push is already tied to another receipt (e.g. matched to a paybill payment): this may be money paid a
    // second time. Never credit it blindly, never drop it silently: hand it to a person.
    if (receipt && push.mpesaReceiptNumber && receipt !== push.mpesaReceiptNumber) {
      const reason = `Callback receipt ${receipt} differs from ${push.mpesaReceiptNumber} already recorded`;
      await updatePush(tx, { id: push.id, set: { needsReview: true, reviewReason: push.reviewReason ? `${push.reviewReason}; ${reason}` : reason } });
    }
    return 'duplicate';
  }

  await lockLease(tx, { leaseId: push.leaseId });
  // A receipt already credited by another route (the paybill confirmation) is not credited again (invariant 1).
  const alreadyCredited = receipt ? await getPaymentByReceipt(tx, { receipt }) : null;
  // Without a receipt (learned from the STK query alone), the paybill confirmation for this money may have come
  // first: claim that payment rather than crediting the same money twice.
  const paybillTwin = !receipt && !alreadyCredited
    ? await findUnlinkedPaybillPayment(tx, { leaseId: push.leaseId, amountCents: push.amountCents, since: new Date(push.createdAt.getTime() - 60_000), phone: push.phone })
    : null;
  if (paybillTwin) {
    await linkPaymentToPush(tx, { paymentId: paybillTwin.id, pushId: push.id });
    await recordAudit(tx, {
      actor: null, agencyId: push.agencyId, action: 'payment.linked-to-push', targetType: 'payment', targetId: paybillTwin.id,
      details: { pushId: push.id, receipt: paybillTwin.receipt, amountCents: push.amountCents },
    });
  }
  const payment = alreadyCredited || paybillTwin
    ? null
    : await recordPayment(tx, {
        agencyId: push.agencyId,
        leaseId: push.leaseId,
        amountCents: push.amountCents,
        method: 'mpesa_stk',
        mpesaReceiptNumber: receipt,
        mpesaTransactionId: push.id,
        payerPhone: push.phone,
        paidAt: transactionDate ?? now,
        recordedBy: null,
      });
  // A success after the push was closed (deadline passed, or a contradicting answer) is credited, and shown to a person.
  const lateReason = push.status === 'PENDING' ? null : `Success arrived after the push was marked ${push.status}`;
  await updatePush(tx, {
    id: push.id,
    set: {
      status: 'SUCCESS',
      resultCode: '0',
      resultDescription: resultDesc,
      mpesaReceiptNumber: receipt ?? paybillTwin?.receipt ?? push.mpesaReceiptNumber,
      transactionDate,
      completedAt: now,
      ...(source === 'callback' ? { callbackReceivedAt: now } : {}),
      ...(lateReason ? { needsReview: true, reviewReason: push.reviewReason ? `${push.reviewReason}; ${lateReason}` : lateReason } : {}),
    },
  });
  if (payment) {
    await recordAudit(tx, {
      actor: null,
      agencyId: push.agencyId,
      action: 'payment.credited',
      targetType: 'payment',
      targetId: payment.id,
      details: { source: `stk-${source}`, pushId: push.id, amountCents: payment.amountCents, receipt },
    });
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
