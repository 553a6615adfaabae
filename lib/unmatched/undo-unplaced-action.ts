import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { recordPaymentCorrection } from '@/db/queries/ledger';
import { setC2bConfirmationOutcome } from '@/db/queries/mpesa-c2b';
import { updateReceiptCheck } from '@/db/queries/mpesa-receipt-checks';
import { findLiveUnplacedAction, insertUnplacedAction, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { UnplacedState } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { lockUnplacedItem } from './lock-unplaced-item';
import { restoreMergedPayment } from './undo-merge';

/**
 * Undoes the decision in force on a queued payment with a correcting entry, never an edit:
 * - a placement (a person's, or Haven's own flagged one) → a `void` correction of that payment (the rent it settled
 *   is owed again) and the payment back in the queue;
 * - "not ours" → back in the queue; "keep" (a flagged placement accepted) → flagged again;
 * - a merge → the payment it took out credited again (a new entry), the receipt flagged again.
 * A refund is not undone here: money sent by M-Pesa cannot be called back, and one awaiting approval is rejected
 * where approvals are decided.
 */
export async function undoUnplacedAction(db: Db, { caller, itemId, reason, now = new Date() }: { caller: Caller; itemId: string; reason: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const { item, check } = await lockUnplacedItem(tx, { caller, itemId });
    const live = await findLiveUnplacedAction(tx, { itemId: item.id });
    if (item.state === 'refunding') throw new AppError('conflict', 'A refund cannot be undone here: while it waits for approval, reject it under Payouts; once sent, M-Pesa cannot call it back.');
    if (item.state === 'open' || item.state === 'verifying') throw new AppError('conflict', 'There is nothing to undo: this payment is waiting in the queue. Reload the page.');

    const undoingKeep = live?.action === 'keep';
    const undoingMerge = live?.action === 'merge' && item.state === 'merged';
    const undoingPlacement = !undoingKeep && !undoingMerge && (item.state === 'placed' || item.state === 'review');
    let back: UnplacedState = undoingKeep || undoingMerge ? 'review' : check?.status === 'PENDING' ? 'verifying' : 'open';
    let correctionId: string | null = null;
    const restored = undoingMerge && live ? await restoreMergedPayment(tx, { caller, item, merge: live, reason, now }) : null;
    if (undoingPlacement) {
      if (!item.paymentId) throw new AppError('conflict', 'This placement has no payment to undo. Reload the page.');
      const corrected = await recordPaymentCorrection(tx, { paymentId: item.paymentId, kind: 'void', reason: `Placement undone from the unmatched queue: ${reason}`, at: now, createdBy: caller.id });
      if (!corrected) throw new AppError('conflict', 'This payment was already taken out of the books (undone or reversed). Reload the page.');
      correctionId = corrected.correctionId;
      back = 'open';
      // Back to "proven, nowhere to put it": the state the books were in before the placement.
      if (check) await updateReceiptCheck(tx, { id: check.id, set: { resolution: 'unmatched', paymentId: null } });
      await setC2bConfirmationOutcome(tx, { transId: item.receipt, outcome: 'unmatched', paymentId: null, leaseId: null });
    }

    const undo = await insertUnplacedAction(tx, {
      itemId: item.id,
      agencyId: item.agencyId,
      action: 'undo',
      reason,
      undoesId: live?.id ?? null,
      paymentId: correctionId ? item.paymentId : (restored?.restoredPaymentId ?? null),
      correctionId,
      actorId: caller.id,
    });
    if (!undo) throw new AppError('conflict', 'This was already undone. Reload the page.');
    await updateUnplacedPayment(tx, { id: item.id, set: { state: back, ...(correctionId ? { paymentId: null } : {}) } });
    await recordAudit(tx, {
      actor: caller,
      agencyId: item.agencyId,
      action: 'unmatched.undone',
      targetType: 'unplaced_payment',
      targetId: item.id,
      details: { receipt: item.receipt, undid: live?.action ?? 'placement by Haven', undoesId: live?.id ?? null, paymentId: item.paymentId, correctionId, reason, state: back, ...(restored ?? {}) },
    });
    return { itemId: item.id, state: back, correctionId };
  });
}
