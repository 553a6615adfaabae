import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findLiveReversal, getPaymentByReceiptForCaller, insertReversal, type ReversalRow } from '@/db/queries/mpesa-reversals';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { normalizeKenyanPhone } from '@/lib/phone';
import { assessMoneyOutApproval } from '../approvals/assess-money-out';
import { statusLabel } from '../b2c/payout-status';
import type { ReversalRequest } from './reversal-input';
import { reversalKind } from '../initiator/reversal-kind';
import { sendInitiatorRequest } from '../initiator/send-initiator-request';
import type { MpesaContext } from '../mpesa-context';
import { enqueueApprovalRequest } from '@/lib/messaging/notify-admins';

/**
 * Records a reversal of a payment in the caller's scope, then sends it — or waits for an admin's approval when a
 * landlord asks, when it goes over the requester's or the payer phone's rolling 24 h limit, or when the payer's
 * phone is the requester's own. Everything that would make Daraja refuse or repeat it is refused here first: a payment
 * already reversed, a reversal already open for that receipt, an amount other than the payment's.
 */
export async function requestReversal(
  db: Db,
  { caller, input, mpesa }: { caller: Caller; input: ReversalRequest; mpesa?: MpesaContext },
): Promise<ReversalRow> {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const payment = await getPaymentByReceiptForCaller(db, { caller, receipt: input.transactionId });
  if (!payment || !payment.receipt) throw notFound('A payment with that receipt');
  if (payment.status === 'reversed') throw new AppError('conflict', `Payment ${payment.receipt} has already been reversed`);
  if (input.amount !== undefined && input.amount * 100 !== payment.amountCents) {
    throw new AppError('invalid_request', `A reversal returns the whole payment: ${formatKes(payment.amountCents)}`, {
      details: { fields: [{ path: 'amount', message: `Must be ${formatKes(payment.amountCents)}` }] },
    });
  }
  const live = await findLiveReversal(db, { receipt: payment.receipt });
  if (live) throw new AppError('conflict', `A reversal of ${payment.receipt} already exists (${statusLabel[live.status].label.toLowerCase()})`, { details: { reversalId: live.id } });

  const payer = payment.payerPhone ? normalizeKenyanPhone(payment.payerPhone) : null;
  const recipientPhone = payer?.ok ? payer.msisdn : null;
  const row = await db.transaction(async (tx) => {
    const reasons = await assessMoneyOutApproval(tx, {
      agencyId: caller.agencyId,
      requesterId: caller.id,
      recipientPhone,
      amountCents: payment.amountCents,
      applyThreshold: false,
      alsoBecause: caller.role === 'landlord' ? [{ kind: 'landlord_reversal' }] : [],
    });
    const needsApproval = reasons.length > 0;
    const inserted = await insertReversal(tx, {
      agencyId: caller.agencyId,
      paymentId: payment.id,
      originalTransactionId: payment.receipt!,
      recipientPhone,
      amountCents: payment.amountCents,
      remarks: input.remarks,
      status: needsApproval ? 'AWAITING_APPROVAL' : 'QUEUED',
      requestedBy: caller.id,
      approvalReasons: reasons,
    });
    // The partial unique index caught a concurrent request for the same receipt.
    if (!inserted) throw new AppError('conflict', `A reversal of ${payment.receipt} already exists`);
    await recordAudit(tx, {
      actor: caller,
      agencyId: caller.agencyId,
      action: 'reversal.requested',
      targetType: 'mpesa_reversal',
      targetId: inserted.id,
      details: { receipt: payment.receipt, paymentId: payment.id, amountCents: payment.amountCents, remarks: input.remarks, needsApproval, approvalReasons: reasons },
    });
    if (needsApproval) await enqueueApprovalRequest(tx, { agencyId: caller.agencyId, requestType: 'reversal', requestId: inserted.id, requestedBy: caller.id });
    return inserted;
  });
  if (row.status !== 'QUEUED') return row;
  return (await sendInitiatorRequest(db, reversalKind, { id: row.id, actor: caller, mpesa })) ?? row;
}
