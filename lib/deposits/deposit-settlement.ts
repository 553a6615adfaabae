import 'server-only';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import type { Db, DbOrTx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { countOpenDisputes, getDepositMovement, getDispute, insertDispute, insertEvidence, resolveDispute } from '@/db/queries/deposits';
import { getDepositHeld, recordDepositMovement } from '@/db/queries/ledger';
import { getLeaseForCaller, lockLeaseForStaff } from '@/db/queries/leases';
import { sumOpenLeasePayouts } from '@/db/queries/mpesa-b2c';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { fieldError, kesAmount, requiredText } from '@/lib/validation/form-fields';
import { DEDUCTION_CATEGORIES } from './deduction-categories';
import { MAX_EVIDENCE_FILES, storeEvidence } from './evidence-store';

/**
 * Settling a deposit at move-out: deductions with a reason and optional evidence (kept by the agency for the
 * landlord), which the tenant sees and can dispute with a message; staff answer the dispute; the rest is refunded
 * to the tenant's M-Pesa through the B2C payout flow (requestPayout: recorded first, approved above the agency's
 * threshold by another admin, sent once). Every step is a ledger entry or an audited record.
 */

export const deductionSchema = z.object({
  category: z.enum(DEDUCTION_CATEGORIES, { error: 'Choose what the deduction is for' }),
  description: requiredText('what was wrong and what it cost', 300),
  amount: kesAmount({ label: 'the amount' }).refine((c) => c > 0, 'Enter the amount to deduct'),
});
export const disputeSchema = z.object({ message: requiredText('what you disagree with', 1000) });
export const disputeResponseSchema = z.object({ response: requiredText('your answer', 1000) });
export const withdrawDeductionSchema = z.object({ reason: requiredText('why it is withdrawn', 300) });
export const refundRestSchema = z.object({ phone: z.string().trim().max(30).optional(), requestApproval: z.boolean().optional().default(false) });

async function availableDeposit(db: DbOrTx, leaseId: string) {
  const [held, promised] = await Promise.all([getDepositHeld(db, { leaseId }), sumOpenLeasePayouts(db, { leaseId })]);
  return { held, promised, available: Math.max(0, held - promised) };
}

export async function addDeduction(
  db: Db,
  { caller, leaseId, input, files = [] }: { caller: Caller; leaseId: string; input: z.output<typeof deductionSchema>; files?: { name: string; bytes: Buffer }[] },
) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const visible = await getLeaseForCaller(db, { caller, leaseId });
  if (!visible) throw notFound('That lease');
  if (visible.status !== 'notice' && visible.status !== 'ended') throw new AppError('conflict', 'Deductions are made at move-out: give notice or end the lease first');
  if (files.length > MAX_EVIDENCE_FILES) throw fieldError('evidence', `Attach at most ${MAX_EVIDENCE_FILES} files`);
  // Stored before the transaction (disk is not transactional); a failed transaction leaves an unreferenced file.
  const stored = await Promise.all(files.map((f) => storeEvidence({ agencyId: caller.agencyId, fileName: f.name, bytes: f.bytes })));
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    const { available } = await availableDeposit(tx, leaseId);
    if (input.amount > available) throw fieldError('amount', available === 0 ? 'There is no deposit left to deduct from' : `At most ${formatKes(available)} of the deposit is left`);
    const movement = await recordDepositMovement(tx, {
      agencyId: lease.agencyId, leaseId, kind: 'deduction', amountCents: -input.amount, category: input.category, description: input.description, createdBy: caller.id,
    });
    for (const s of stored) await insertEvidence(tx, { agencyId: lease.agencyId, leaseId, movementId: movement!.id, ...s, uploadedBy: caller.id });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'deposit.deduction_added', targetType: 'lease', targetId: leaseId, details: { movementId: movement!.id, ...input, evidence: stored.map((s) => s.fileName) } });
    return movement!;
  });
}

/** A deduction taken back (after a dispute, say): an adjustment entry that points at it, once. */
export async function withdrawDeduction(db: Db, { caller, movementId, reason }: { caller: Caller; movementId: string; reason: string }) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const deduction = await getDepositMovement(db, { movementId });
  if (!deduction || deduction.kind !== 'deduction' || !(await getLeaseForCaller(db, { caller, leaseId: deduction.leaseId }))) throw notFound('That deduction');
  return db.transaction(async (tx) => {
    const adjustment = await recordDepositMovement(tx, {
      agencyId: deduction.agencyId, leaseId: deduction.leaseId, kind: 'adjustment', amountCents: -deduction.amountCents, correctsId: deduction.id, description: `Deduction withdrawn: ${reason}`, createdBy: caller.id,
    });
    if (!adjustment) throw new AppError('conflict', 'This deduction has already been withdrawn');
    await recordAudit(tx, { actor: caller, agencyId: deduction.agencyId, action: 'deposit.deduction_withdrawn', targetType: 'lease', targetId: deduction.leaseId, details: { movementId, adjustmentId: adjustment.id, reason } });
    return adjustment;
  });
}

export async function raiseDispute(db: Db, { caller, leaseId, message }: { caller: Caller; leaseId: string; message: string }) {
  if (caller.role !== 'tenant') throw new AppError('forbidden', 'Only the tenant disputes deductions from their deposit');
  const lease = await getLeaseForCaller(db, { caller, leaseId });
  if (!lease) throw notFound('That lease');
  return db.transaction(async (tx) => {
    const dispute = await insertDispute(tx, { agencyId: lease.agencyId, leaseId, raisedBy: caller.id, message });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'deposit.disputed', targetType: 'lease', targetId: leaseId, details: { disputeId: dispute.id, message } });
    return dispute;
  });
}

export async function respondToDispute(db: Db, { caller, disputeId, response }: { caller: Caller; disputeId: string; response: string }) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const dispute = await getDispute(db, { disputeId });
  if (!dispute || !(await getLeaseForCaller(db, { caller, leaseId: dispute.leaseId }))) throw notFound('That dispute');
  return db.transaction(async (tx) => {
    const resolved = await resolveDispute(tx, { disputeId, response, respondedBy: caller.id, at: new Date() });
    if (!resolved) throw new AppError('conflict', 'This dispute has already been answered');
    await recordAudit(tx, { actor: caller, agencyId: dispute.agencyId, action: 'deposit.dispute_answered', targetType: 'lease', targetId: dispute.leaseId, details: { disputeId, response } });
    return resolved;
  });
}

/** Refunds what is left of the deposit to the tenant by B2C, once the lease has ended and no dispute is open. */
export async function refundRemainingDeposit(
  db: Db,
  { caller, leaseId, phone, requestApproval = false, idempotencyKey }: { caller: Caller; leaseId: string; phone?: string; requestApproval?: boolean; idempotencyKey?: string },
) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const lease = await getLeaseForCaller(db, { caller, leaseId });
  if (!lease) throw notFound('That lease');
  if (lease.status !== 'ended') throw new AppError('conflict', 'The rest of the deposit is refunded after the lease has ended');
  if ((await countOpenDisputes(db, { leaseId })) > 0) throw new AppError('conflict', 'Answer the tenant’s dispute before refunding the rest of the deposit');
  const { available } = await availableDeposit(db, leaseId);
  // M-Pesa sends whole shillings: cents left over stay on the deposit for a manual settlement.
  const amount = Math.floor(available / 100);
  if (amount <= 0) throw new AppError('conflict', 'There is no deposit left to refund');
  return requestPayout(db, {
    caller,
    input: {
      leaseId, phone: phone?.trim() || lease.tenantPhone || '', amount, occasion: 'Refund', requestApproval,
      remarks: `Deposit refund ${lease.accountReference} after move-out`.slice(0, 100), idempotencyKey: idempotencyKey ?? randomUUID(),
    },
  });
}
