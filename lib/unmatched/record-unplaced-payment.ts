import 'server-only';
import type { DbOrTx, Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import { insertUnplacedPayment, lockUnplacedPaymentByReceipt, updateUnplacedPayment } from '@/db/queries/unplaced-payments';
import type { ReceiptResolution } from '@/db/schema';

/**
 * How money Haven cannot place reaches the unmatched queue. Two doors, both called by the payment services:
 * - a paybill confirmation naming no lease is queued at once as `verifying` (a claim: nothing may be done with it
 *   until Transaction Status proves it), so an admin sees it within seconds;
 * - whatever the books decided about a proven receipt (lib/payments/receipts/resolve-receipt.ts): `unmatched`
 *   opens it for a person, `review` queues a payment credited but flagged, and a receipt placed by Haven after all
 *   (a later claim brought its account) leaves the queue.
 */

export async function noteUnplacedConfirmation(
  db: DbOrTx,
  claim: { agencyId: string; receipt: string; shortcode: string; amountCents: number; accountReference: string | null; payerMsisdn: string | null },
): Promise<void> {
  const receipt = claim.receipt.trim().toUpperCase();
  const row = await insertUnplacedPayment(db, {
    agencyId: claim.agencyId,
    receipt,
    shortcode: claim.shortcode,
    source: 'c2b-confirmation',
    state: 'verifying',
    reason: claim.accountReference ? `No lease has account “${claim.accountReference}”` : 'The payer typed no account number',
    claimedAmountCents: claim.amountCents,
    accountReference: claim.accountReference,
    payerMsisdn: claim.payerMsisdn,
  });
  if (row) await recordAudit(db, { actor: null, agencyId: claim.agencyId, action: 'unmatched.queued', targetType: 'unplaced_payment', targetId: row.id, details: { receipt, state: row.state, reason: row.reason } });
}

/** Called inside the transaction that resolved the check (the check row is locked, so this cannot race a placement). */
export async function syncUnplacedReceipt(
  tx: Tx,
  { check, resolution, paymentId, reason }: { check: ReceiptCheckRow; resolution: ReceiptResolution; paymentId: string | null; reason: string | null },
): Promise<void> {
  if (!check.agencyId) return;
  const existing = await lockUnplacedPaymentByReceipt(tx, { receipt: check.receipt });
  const audit = (id: string, action: string, details: Record<string, unknown>) =>
    recordAudit(tx, { actor: null, agencyId: check.agencyId, action, targetType: 'unplaced_payment', targetId: id, details: { receipt: check.receipt, ...details } });

  if (resolution === 'unmatched' || resolution === 'review') {
    const state = resolution === 'review' && paymentId ? 'review' : 'open';
    const why = reason ?? check.reviewReason ?? (state === 'review' ? 'Credited, but flagged for a person to check' : 'No lease to place it on');
    if (!existing) {
      const row = await insertUnplacedPayment(tx, {
        agencyId: check.agencyId,
        receipt: check.receipt,
        shortcode: check.shortcode,
        source: resolution === 'review' ? 'review' : check.source,
        state,
        reason: why,
        claimedAmountCents: check.claimedAmountCents,
        accountReference: check.claimedAccountReference,
        payerMsisdn: check.payerMsisdn,
        paymentId,
      });
      if (row) await audit(row.id, 'unmatched.queued', { state, reason: why });
      return;
    }
    // Only a claim still waiting for proof moves on; a person's decision is never overwritten by the system.
    if (existing.state !== 'verifying') return;
    await updateUnplacedPayment(tx, { id: existing.id, set: { state, reason: why, paymentId } });
    await audit(existing.id, 'unmatched.proven', { state, reason: why });
    return;
  }
  if (!existing || (existing.state !== 'verifying' && existing.state !== 'open')) return;
  // Not `duplicate`: after an undone placement the receipt's voided payment answers "already in the books".
  if ((resolution === 'credited' || resolution === 'receipt-attached') && paymentId) {
    await updateUnplacedPayment(tx, { id: existing.id, set: { state: 'placed', paymentId, reason: 'Placed by Haven: a later claim named the lease' } });
    await audit(existing.id, 'unmatched.placed_by_haven', { paymentId, resolution });
  }
}
