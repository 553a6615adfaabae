import { z } from 'zod';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getPayment } from '@/db/queries/lease-charges';
import { recordPayment, recordPaymentCorrection } from '@/db/queries/ledger';
import { enqueuePaymentReceipt } from '@/lib/messaging/notify-tenant';
import { getLeaseForCaller, lockLeaseForStaff } from '@/db/queries/leases';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { fieldError, isoDate, kesAmount, optionalText, requiredText } from '@/lib/validation/form-fields';
import { MANUAL_PAYMENT_METHODS } from './payment-methods';
import { addDays, nairobiDate, nairobiMidnight } from './rent-period';

/**
 * Cash, bank transfer and cheque payments, recorded by an admin with their reference and date (back-dating
 * allowed, never the future), and undone only by a correcting entry that points at the payment and says why.
 */

export const manualPaymentSchema = z.object({
  method: z.enum(MANUAL_PAYMENT_METHODS, { error: 'Choose how it was paid' }),
  amount: kesAmount({ label: 'the amount' }).refine((c) => c > 0, 'Enter the amount received'),
  paidOn: isoDate('the date it was paid'),
  reference: optionalText(60),
  note: optionalText(300),
}).refine((v) => v.method === 'cash' || !!v.reference, { path: ['reference'], message: 'Enter the bank reference or cheque number' });
export type ManualPaymentInput = z.output<typeof manualPaymentSchema>;

export const voidPaymentSchema = z.object({ reason: requiredText('why the payment is undone', 300) });

const BACKDATE_LIMIT_DAYS = 366;

export async function recordManualPayment(db: Db, { caller, leaseId, input, now = new Date() }: { caller: Caller; leaseId: string; input: ManualPaymentInput; now?: Date }) {
  if (caller.role !== 'admin') throw new AppError(caller.role === 'tenant' ? 'not_found' : 'forbidden', caller.role === 'tenant' ? 'Not found' : 'Only agency admins record cash, bank and cheque payments');
  if (!(await getLeaseForCaller(db, { caller, leaseId }))) throw notFound('That lease');
  const today = nairobiDate(now);
  if (input.paidOn > today) throw fieldError('paidOn', 'A payment cannot be dated in the future');
  if (input.paidOn < addDays(today, -BACKDATE_LIMIT_DAYS)) throw fieldError('paidOn', 'Back-date a payment by at most a year');
  // Today's payment carries the time it was recorded; a back-dated one, noon of its day in Nairobi.
  const paidAt = input.paidOn === today ? now : new Date(nairobiMidnight(input.paidOn).getTime() + 12 * 3600_000);
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status === 'draft') throw new AppError('conflict', 'Activate the lease before recording payments on it');
    const payment = await recordPayment(tx, {
      agencyId: lease.agencyId, leaseId: lease.id, amountCents: input.amount, method: input.method, reference: input.reference, note: input.note, paidAt, recordedBy: caller.id,
    });
    if (!payment) throw new AppError('conflict', 'This payment was already recorded');
    // The tenant's receipt, queued in the same transaction (sent by the outbox, once).
    await enqueuePaymentReceipt(tx, { paymentId: payment.id });
    await recordAudit(tx, {
      actor: caller, agencyId: lease.agencyId, action: 'payment.recorded', targetType: 'payment', targetId: payment.id,
      details: { leaseId: lease.id, method: input.method, amountCents: input.amount, paidOn: input.paidOn, reference: input.reference, note: input.note },
    });
    return payment;
  });
}

export async function voidManualPayment(db: Db, { caller, paymentId, reason, now = new Date() }: { caller: Caller; paymentId: string; reason: string; now?: Date }) {
  if (caller.role !== 'admin') throw new AppError(caller.role === 'tenant' ? 'not_found' : 'forbidden', caller.role === 'tenant' ? 'Not found' : 'Only agency admins undo payments');
  const payment = await getPayment(db, { paymentId });
  if (!payment || !(await getLeaseForCaller(db, { caller, leaseId: payment.leaseId }))) throw notFound('That payment');
  if (!(MANUAL_PAYMENT_METHODS as readonly string[]).includes(payment.method)) {
    throw new AppError('conflict', 'An M-Pesa payment is undone by reversing it on M-Pesa, which returns the money to the payer');
  }
  return db.transaction(async (tx) => {
    const corrected = await recordPaymentCorrection(tx, { paymentId, kind: 'void', reason, at: now, createdBy: caller.id });
    if (!corrected) throw new AppError('conflict', 'This payment has already been undone');
    await recordAudit(tx, {
      actor: caller, agencyId: payment.agencyId, action: 'payment.voided', targetType: 'payment', targetId: paymentId,
      details: { leaseId: payment.leaseId, amountCents: payment.amountCents, method: payment.method, reason, correctionId: corrected.correctionId, summary: `${formatKes(payment.amountCents)} undone` },
    });
    return corrected;
  });
}
