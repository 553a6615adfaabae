import 'server-only';
import type { Tx } from '@/db/client';
import { getLeaseTenantRecipient } from '@/db/queries/message-recipients';
import { getPayoutById } from '@/db/queries/mpesa-b2c';
import { getReversalById } from '@/db/queries/mpesa-reversals';
import { ensureReceiptCode } from '@/db/queries/receipts';
import { payments } from '@/db/schema';
import { eq } from 'drizzle-orm';
import type { MessageKind } from './message-kinds';
import { queueMessages } from './outbox';

/**
 * What a tenant is told when money moves. Each is called inside the transaction that moves it, once per event;
 * calling it again for the same event queues nothing more.
 */

async function queueForLeaseTenant(
  tx: Tx,
  { agencyId, leaseId, kind, eventKey, payload }: { agencyId: string; leaseId: string; kind: MessageKind; eventKey: string; payload: Record<string, unknown> },
): Promise<void> {
  const tenant = await getLeaseTenantRecipient(tx, { leaseId });
  if (tenant) await queueMessages(tx, { agencyId, kind, eventKey, leaseId, recipients: [{ user: tenant }], payload });
}

/**
 * A payment was credited: its receipt (with its public code, made here) by the tenant's channels. A caller holding
 * the payment row passes it, which saves reading its agency and lease back (crediting is the hot path).
 */
export async function enqueuePaymentReceipt(
  tx: Tx,
  { paymentId, payment: known }: { paymentId: string; payment?: { agencyId: string; leaseId: string } },
): Promise<void> {
  const [payment] = known ? [known] : await tx.select({ agencyId: payments.agencyId, leaseId: payments.leaseId }).from(payments).where(eq(payments.id, paymentId)).limit(1);
  if (!payment) return;
  await ensureReceiptCode(tx, { paymentId });
  await queueForLeaseTenant(tx, { agencyId: payment.agencyId, leaseId: payment.leaseId, kind: 'payment-receipt', eventKey: `payment:${paymentId}`, payload: { paymentId } });
}

/** A deposit refund (B2C) completed: the lease's tenant hears where the money went. */
export async function enqueueRefundNotice(tx: Tx, { payoutId }: { payoutId: string }): Promise<void> {
  const payout = await getPayoutById(tx, { payoutId });
  if (!payout?.leaseId) return;
  await queueForLeaseTenant(tx, { agencyId: payout.agencyId, leaseId: payout.leaseId, kind: 'refund-sent', eventKey: `payout:${payoutId}`, payload: { payoutId } });
}

/** A payment was reversed: the tenant learns it no longer counts, with the receipt now marked Reversed. */
export async function enqueueReversalNotice(tx: Tx, { reversalId }: { reversalId: string }): Promise<void> {
  const reversal = await getReversalById(tx, { reversalId });
  if (!reversal?.paymentId) return;
  const [payment] = await tx.select({ leaseId: payments.leaseId }).from(payments).where(eq(payments.id, reversal.paymentId)).limit(1);
  if (!payment) return;
  await queueForLeaseTenant(tx, { agencyId: reversal.agencyId, leaseId: payment.leaseId, kind: 'payment-reversed', eventKey: `reversal:${reversalId}`, payload: { reversalId } });
}
