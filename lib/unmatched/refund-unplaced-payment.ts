import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertUnplacedAction, setUnplacedActionPayout, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { B2C_MAX_KES, B2C_MIN_KES } from '@/lib/payments/b2c/payout-input';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import type { MpesaContext } from '@/lib/payments/mpesa-context';
import { lockUnplacedItem, provenAmount, stateConflict } from './lock-unplaced-item';

/**
 * Sends a queued payment back to the phone that paid it, as a B2C payout through the normal rules (recorded before
 * sent, its own idempotency key, a second admin's approval above the agency threshold — lib/payments/b2c). The item
 * is claimed for the refund first, so two admins cannot refund it twice; a request M-Pesa or the rules refuse puts
 * it back in the queue with that reason.
 */
export async function refundUnplacedPayment(db: Db, { caller, itemId, reason, mpesa }: { caller: Caller; itemId: string; reason: string; mpesa?: MpesaContext }) {
  const claimed = await db.transaction(async (tx) => {
    const { item, check } = await lockUnplacedItem(tx, { caller, itemId });
    if (item.state !== 'open') throw stateConflict(item);
    const amountCents = provenAmount(check);
    const phone = check?.payerMsisdn ?? null;
    if (!phone) throw new AppError('conflict', 'M-Pesa did not say which phone paid this, so it cannot be refunded from Haven. Mark it “not ours” and refund it from the M-Pesa portal.');
    if (amountCents % 100 !== 0 || amountCents < B2C_MIN_KES * 100 || amountCents > B2C_MAX_KES * 100) {
      throw new AppError('conflict', `M-Pesa refunds whole shillings from KES ${B2C_MIN_KES} to KES ${B2C_MAX_KES.toLocaleString('en-KE')}; ${formatKes(amountCents)} cannot be sent back by B2C.`);
    }
    await updateUnplacedPayment(tx, { id: item.id, set: { state: 'refunding' } });
    const action = await insertUnplacedAction(tx, { itemId: item.id, agencyId: item.agencyId, action: 'refund', reason, actorId: caller.id });
    if (!action) throw new AppError('conflict', 'This refund was already requested. Reload the page.');
    return { item, action, amountCents, phone };
  });

  const { item, action, amountCents, phone } = claimed;
  try {
    const { payout } = await requestPayout(db, {
      caller,
      input: {
        phone,
        amount: amountCents / 100,
        occasion: 'Refund',
        remarks: `Refund of M-Pesa ${item.receipt}`.slice(0, 100),
        requestApproval: false,
        idempotencyKey: `unplaced:${action.id}`,
      },
      mpesa,
    });
    await db.transaction(async (tx) => {
      await updateUnplacedPayment(tx, { id: item.id, set: { payoutId: payout.id } });
      await setUnplacedActionPayout(tx, { id: action.id, payoutId: payout.id });
      await recordAudit(tx, {
        actor: caller,
        agencyId: item.agencyId,
        action: 'unmatched.refund_requested',
        targetType: 'unplaced_payment',
        targetId: item.id,
        details: { receipt: item.receipt, payoutId: payout.id, amountCents, phone, reason, payoutStatus: payout.status },
      });
    });
    return { itemId: item.id, payoutId: payout.id, payoutStatus: payout.status };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.transaction(async (tx) => {
      await updateUnplacedPayment(tx, { id: item.id, set: { state: 'open' } });
      await insertUnplacedAction(tx, { itemId: item.id, agencyId: item.agencyId, action: 'undo', reason: `The refund could not be requested: ${message}`.slice(0, 300), undoesId: action.id, actorId: caller.id });
      await recordAudit(tx, { actor: caller, agencyId: item.agencyId, action: 'unmatched.refund_failed', targetType: 'unplaced_payment', targetId: item.id, details: { receipt: item.receipt, error: message } });
    });
    throw error;
  }
}
