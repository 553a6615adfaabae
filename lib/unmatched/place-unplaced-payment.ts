import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { recordPayment } from '@/db/queries/ledger';
import { lockLeaseForStaff } from '@/db/queries/leases';
import { setC2bConfirmationOutcome } from '@/db/queries/mpesa-c2b';
import { updateReceiptCheck } from '@/db/queries/mpesa-receipt-checks';
import { getPaymentByReceipt } from '@/db/queries/payments';
import { insertUnplacedAction, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { enqueuePaymentReceipt } from '@/lib/messaging/notify-tenant';
import { formatKes } from '@/lib/money';
import { lockUnplacedItem, provenAmount, stateConflict } from './lock-unplaced-item';

/**
 * Places a proven payment from the queue on a lease: a payment through the ledger's one crediting path (allocated
 * oldest charge first, receipt issued, tenant told), the receipt check and the queue row updated, an action and an
 * audit entry — one transaction. The receipt is credited at most once: the unique receipt index and the locks
 * (check, then item) stop a second placement, the reconciler and a late confirmation alike.
 */
export async function placeUnplacedPayment(db: Db, { caller, itemId, leaseId, reason }: { caller: Caller; itemId: string; leaseId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const { item, check } = await lockUnplacedItem(tx, { caller, itemId });
    if (item.state !== 'open') throw stateConflict(item);
    const amountCents = provenAmount(check);
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status !== 'active' && lease.status !== 'notice') throw new AppError('conflict', 'Place it on a lease that is active or under notice');

    // A receipt placed once and undone keeps its voided payment (corrections never edit): a placement after that is a
    // new payment carrying the receipt as its reference, the item's lock being what keeps it single.
    const earlier = await getPaymentByReceipt(tx, { receipt: item.receipt });
    if (earlier && earlier.status === 'completed') throw new AppError('conflict', `Receipt ${item.receipt} is already in the books. Reload the page.`);
    const payment = await recordPayment(tx, {
      agencyId: lease.agencyId,
      leaseId: lease.id,
      amountCents,
      method: check?.route === 'stk' ? 'mpesa_stk' : 'mpesa_paybill',
      mpesaReceiptNumber: earlier ? null : item.receipt,
      reference: earlier ? item.receipt : null,
      payerPhone: check?.payerMsisdn ?? item.payerMsisdn,
      paidAt: check?.completedAt ?? item.createdAt,
      note: `Placed from the unmatched queue: ${reason}`,
      recordedBy: caller.id,
    });
    if (!payment) throw new AppError('conflict', `Receipt ${item.receipt} was credited meanwhile. Reload the page.`);
    await enqueuePaymentReceipt(tx, { paymentId: payment.id });
    if (check) await updateReceiptCheck(tx, { id: check.id, set: { resolution: 'credited', paymentId: payment.id, resolvedAt: new Date() } });
    await setC2bConfirmationOutcome(tx, { transId: item.receipt, outcome: 'credited', paymentId: payment.id, leaseId: lease.id });
    await updateUnplacedPayment(tx, { id: item.id, set: { state: 'placed', paymentId: payment.id } });
    const action = await insertUnplacedAction(tx, { itemId: item.id, agencyId: item.agencyId, action: 'place', reason, leaseId: lease.id, paymentId: payment.id, actorId: caller.id });
    await recordAudit(tx, {
      actor: caller,
      agencyId: item.agencyId,
      action: 'unmatched.placed',
      targetType: 'unplaced_payment',
      targetId: item.id,
      details: { receipt: item.receipt, leaseId: lease.id, account: lease.accountReference, paymentId: payment.id, amountCents, reason, actionId: action?.id, summary: `${formatKes(amountCents)} placed on ${lease.accountReference}` },
    });
    return { itemId: item.id, paymentId: payment.id, leaseId: lease.id };
  });
}
