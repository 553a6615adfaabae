import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertUnplacedAction, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { Caller } from '@/lib/auth/caller';
import { lockUnplacedItem, stateConflict } from './lock-unplaced-item';

/**
 * Decisions that move no money, each undoable: "not ours" (a payment this agency will not place — a forged or
 * foreign claim, money M-Pesa shows as failed, a payer who will be refunded outside Haven) and "keep" (a payment
 * Haven credited but flagged, checked by a person and left where it is).
 */
export async function closeUnplacedPayment(db: Db, { caller, itemId, action, reason }: { caller: Caller; itemId: string; action: 'not_ours' | 'keep'; reason: string }) {
  return db.transaction(async (tx) => {
    const { item } = await lockUnplacedItem(tx, { caller, itemId });
    const allowed = action === 'keep' ? item.state === 'review' : item.state === 'open' || item.state === 'verifying';
    if (!allowed) throw stateConflict(item);
    const state = action === 'keep' ? 'placed' : 'not_ours';
    await updateUnplacedPayment(tx, { id: item.id, set: { state } });
    const row = await insertUnplacedAction(tx, { itemId: item.id, agencyId: item.agencyId, action, reason, paymentId: item.paymentId, actorId: caller.id });
    await recordAudit(tx, {
      actor: caller,
      agencyId: item.agencyId,
      action: action === 'keep' ? 'unmatched.kept' : 'unmatched.not_ours',
      targetType: 'unplaced_payment',
      targetId: item.id,
      details: { receipt: item.receipt, reason, paymentId: item.paymentId, actionId: row?.id, from: item.state },
    });
    return { itemId: item.id, state };
  });
}
