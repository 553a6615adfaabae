import 'server-only';
import type { Tx } from '@/db/client';
import { recordPayment } from '@/db/queries/ledger';
import { getAgencyPayment } from '@/db/queries/merge-candidates';
import type { UnplacedActionRow, UnplacedRow } from '@/db/queries/unplaced-payments';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';

/**
 * Undoes a merge: the payment it took out is credited again as a new entry (the correction stays — corrections are
 * never edited or deleted), carrying what the original carried except its push link, which stays with the original
 * row. The receipt is back under review, both payments in the books, as before the merge.
 */
export async function restoreMergedPayment(tx: Tx, { caller, item, merge, reason, now }: { caller: Caller; item: UnplacedRow; merge: UnplacedActionRow; reason: string; now: Date }) {
  if (!merge.paymentId) throw new AppError('conflict', 'This merge names no payment to restore. Reload the page.');
  const merged = await getAgencyPayment(tx, { id: merge.paymentId, agencyId: item.agencyId });
  if (!merged || merged.status !== 'reversed') throw new AppError('conflict', 'The merged payment is not out of the books any more. Reload the page.');
  const restored = await recordPayment(tx, {
    agencyId: merged.agencyId,
    leaseId: merged.leaseId,
    amountCents: merged.amountCents,
    method: merged.method,
    payerPhone: merged.payerPhone,
    paidAt: merged.paidAt,
    note: `Merge with receipt ${item.receipt} undone on ${now.toISOString()}: ${reason} (restores payment ${merged.id})`,
    recordedBy: caller.id,
  });
  if (!restored) throw new AppError('conflict', 'The payment could not be credited again. Reload the page.');
  return { restoredPaymentId: restored.id, mergedPaymentId: merged.id, amountCents: merged.amountCents };
}
