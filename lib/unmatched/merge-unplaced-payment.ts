import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLease, recordPaymentCorrection } from '@/db/queries/ledger';
import { getAgencyPayment, lockMergeCandidate } from '@/db/queries/merge-candidates';
import { insertUnplacedAction, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { lockUnplacedItem, stateConflict } from './lock-unplaced-item';

/**
 * A person decides that a flagged receipt and another payment on the same lease are one and the same money (issue 9:
 * Haven never merges on amount, lease or time by itself; until a person does, both stay credited so nothing is
 * lost). The receipt's payment stays — the receipt is the proof — and the other, receiptless one is taken out with
 * a `merge` correction: a new entry, never an edit, undone by crediting its money again (undo-unplaced-action.ts).
 * Lock order as everywhere: receipt check, queue row, lease, payment.
 */
export async function mergeUnplacedPayment(db: Db, { caller, itemId, paymentId, reason, now = new Date() }: { caller: Caller; itemId: string; paymentId: string; reason: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const { item } = await lockUnplacedItem(tx, { caller, itemId });
    if (item.state !== 'review' || !item.paymentId) throw stateConflict(item);
    const kept = await getAgencyPayment(tx, { id: item.paymentId, agencyId: item.agencyId });
    if (!kept || kept.status !== 'completed') throw new AppError('conflict', `Receipt ${item.receipt} is no longer in the books. Reload the page.`);
    await lockLease(tx, { leaseId: kept.leaseId });
    const other = await lockMergeCandidate(tx, { agencyId: item.agencyId, keptId: kept.id, paymentId });
    if (!other) {
      throw new AppError('conflict', 'That payment cannot be merged with this receipt: it must be on the same lease, for the same amount, still in the books, and have no M-Pesa receipt of its own. Reload the page.');
    }
    const corrected = await recordPaymentCorrection(tx, {
      paymentId: other.id,
      kind: 'merge',
      reason: `Same money as receipt ${item.receipt}: ${reason}`,
      at: now,
      createdBy: caller.id,
    });
    if (!corrected) throw new AppError('conflict', 'That payment was taken out of the books meanwhile. Reload the page.');
    const action = await insertUnplacedAction(tx, {
      itemId: item.id,
      agencyId: item.agencyId,
      action: 'merge',
      reason,
      leaseId: kept.leaseId,
      paymentId: other.id,
      correctionId: corrected.correctionId,
      actorId: caller.id,
    });
    await updateUnplacedPayment(tx, { id: item.id, set: { state: 'merged' } });
    await recordAudit(tx, {
      actor: caller,
      agencyId: item.agencyId,
      action: 'unmatched.merged',
      targetType: 'unplaced_payment',
      targetId: item.id,
      details: {
        receipt: item.receipt,
        keptPaymentId: kept.id,
        mergedPaymentId: other.id,
        pushId: other.pushId,
        correctionId: corrected.correctionId,
        amountCents: other.amountCents,
        reason,
        actionId: action?.id,
        summary: `${formatKes(other.amountCents)} counted once: the payment without a receipt was merged into ${item.receipt}`,
      },
    });
    return { itemId: item.id, keptPaymentId: kept.id, mergedPaymentId: other.id, correctionId: corrected.correctionId };
  });
}
