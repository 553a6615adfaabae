import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import { getUnplacedPaymentForAgency, lockUnplacedPaymentForAgency, type UnplacedRow } from '@/db/queries/unplaced-payments';
import { mpesaReceiptChecks } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/validation/uuid';

/**
 * Only agency admins act on the queue. Others are told "not found" (a tenant) or "forbidden" (a landlord), as for
 * the other admin-only money actions; another agency's item is not found (the lock is scoped by the caller's agency).
 */
export function assertQueueAdmin(caller: Caller): void {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
}

/**
 * Locks an item for a decision, in the same order as the payment services do — the receipt's check first, then the
 * queue row — so a placement and the reconciler or a late confirmation crediting the same receipt take turns.
 */
export async function lockUnplacedItem(tx: Tx, { caller, itemId }: { caller: Caller; itemId: string }): Promise<{ item: UnplacedRow; check: ReceiptCheckRow | null }> {
  assertQueueAdmin(caller);
  if (!isUuid(itemId)) throw notFound('That payment');
  const seen = await getUnplacedPaymentForAgency(tx, { id: itemId, agencyId: caller.agencyId });
  if (!seen) throw notFound('That payment');
  const [check] = await tx.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.receipt, seen.receipt)).limit(1).for('update');
  const item = await lockUnplacedPaymentForAgency(tx, { id: itemId, agencyId: caller.agencyId });
  if (!item) throw notFound('That payment');
  return { item, check: check ?? null };
}

/** The proven amount, or a message saying why nothing can be done with this payment yet. */
export function provenAmount(check: ReceiptCheckRow | null): number {
  if (!check || check.status === 'PENDING') {
    throw new AppError('conflict', 'M-Pesa has not confirmed this payment yet (Transaction Status is being asked). Try again in a minute.');
  }
  if (check.status !== 'CONFIRMED' || check.amountCents === null) {
    throw new AppError('conflict', 'M-Pesa does not confirm this payment, so no money can be placed or refunded. Mark it “not ours” if it is not.');
  }
  if (check.transactionStatus && check.transactionStatus !== 'completed') {
    throw new AppError('conflict', `M-Pesa shows this payment as ${check.transactionStatus}: it cannot be placed or refunded. Mark it “not ours” if it is not.`);
  }
  return check.amountCents;
}

/** What a person is told when the item has moved on since they loaded the page. */
export function stateConflict(item: UnplacedRow): AppError {
  const now: Record<UnplacedRow['state'], string> = {
    verifying: 'M-Pesa has not confirmed this payment yet',
    open: 'This payment is waiting in the queue',
    review: 'Haven placed this payment and flagged it: keep it or undo it',
    placed: 'This payment is already on a lease: undo that first',
    refunding: 'A refund of this payment was already requested',
    not_ours: 'This payment was marked not ours: undo that first',
    merged: 'This payment was merged with another one: undo that first',
  };
  return new AppError('conflict', `${now[item.state]}. Reload the page to see where it is now.`);
}
