import { z } from 'zod';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getCharge, getLastMeterReading, getRecurringCharge, insertMeterReading, insertRecurringCharge } from '@/db/queries/lease-charges';
import { addCreditNote, getCreditableCents, insertCharge } from '@/db/queries/ledger';
import { getLeaseForCaller, lockLeaseForStaff } from '@/db/queries/leases';
import { RECURRING_CHARGE_KINDS } from '@/db/schema/leases';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { nairobiDate, periodOfDate, dateInPeriod } from '@/lib/ledger/rent-period';
import { formatKes } from '@/lib/money';
import { fieldError, isoDate, kesAmount, period, requiredText, wholeKes } from '@/lib/validation/form-fields';
import { isUuid } from '@/lib/validation/uuid';

/**
 * Charges besides rent: one-off (a repair, a replaced key), recurring fixed (service charge, garbage — raised by
 * the rent sweep with each month's rent), recurring metered (water: charged when a reading is entered), and
 * credit notes that forgive part or all of a charge (a waived late fee) with the reason.
 */

export const oneOffChargeSchema = z.object({ description: requiredText('what the charge is for', 120), amount: wholeKes({ label: 'the amount' }), dueDate: isoDate('the due date') });
export const recurringChargeSchema = z.object({
  kind: z.enum(RECURRING_CHARGE_KINDS, { error: 'Choose the kind of charge' }),
  description: requiredText('a description', 80),
  metered: z.enum(['fixed', 'metered'], { error: 'Choose fixed or metered' }),
  amount: kesAmount({ label: 'the amount' }).refine((c) => c > 0, 'Enter the amount (per month, or per unit when metered)'),
  startPeriod: period('the first month'),
});
export const meterReadingSchema = z.object({
  period: period('the month of the reading'),
  reading: z.coerce.number({ error: 'Enter the meter reading' }).int('Enter the reading in whole units').min(0, 'A reading is not negative'),
  previousReading: z.union([z.literal(''), z.coerce.number().int().min(0)]).optional(),
  readOn: isoDate('the reading date'),
});
export const waiveSchema = z.object({ amount: kesAmount({ label: 'the amount to waive' }).optional(), reason: requiredText('why it is waived', 300) });

function requireStaff(caller: Caller) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
}

export async function addOneOffCharge(db: Db, { caller, leaseId, input }: { caller: Caller; leaseId: string; input: z.output<typeof oneOffChargeSchema> }) {
  requireStaff(caller);
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status === 'draft') throw new AppError('conflict', 'Activate the lease before charging it');
    const charge = await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'other', description: input.description, amountCents: input.amount, dueDate: input.dueDate, createdBy: caller.id });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'charge.added', targetType: 'lease', targetId: lease.id, details: { chargeId: charge?.id, ...input } });
    return charge!;
  });
}

export async function addRecurringCharge(db: Db, { caller, leaseId, input }: { caller: Caller; leaseId: string; input: z.output<typeof recurringChargeSchema> }) {
  requireStaff(caller);
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status === 'ended') throw new AppError('conflict', 'This lease has ended');
    // The sweep adds fixed charges with each month's rent from now on; months already charged are not revisited.
    const firstOpen = lease.status === 'draft' ? periodOfDate(lease.startDate) : lease.nextRentChargeAt ? periodOfDate(nairobiDate(lease.nextRentChargeAt)) : null;
    if (input.metered === 'fixed' && firstOpen && input.startPeriod < firstOpen) throw fieldError('startPeriod', `Rent up to ${firstOpen} is already charged: start in ${firstOpen} or later, or add a one-off charge`);
    const row = await insertRecurringCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: input.kind, description: input.description, metered: input.metered, amountCents: input.amount, startPeriod: input.startPeriod, createdBy: caller.id });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'recurring_charge.added', targetType: 'lease', targetId: lease.id, details: { recurringChargeId: row.id, ...input } });
    return row;
  });
}

export async function recordMeterReading(
  db: Db,
  { caller, recurringChargeId, input }: { caller: Caller; recurringChargeId: string; input: z.output<typeof meterReadingSchema> },
) {
  requireStaff(caller);
  const recurring = isUuid(recurringChargeId) ? await getRecurringCharge(db, { recurringChargeId }) : null;
  if (!recurring || !(await getLeaseForCaller(db, { caller, leaseId: recurring.leaseId }))) throw notFound('That meter');
  if (recurring.metered !== 'metered') throw new AppError('conflict', 'This charge is not metered');
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId: recurring.leaseId });
    if (!lease) throw notFound('That lease');
    const last = await getLastMeterReading(tx, { recurringChargeId });
    if (last && input.period <= last.period) throw fieldError('period', `There is already a reading for ${last.period}: enter a later month`);
    const previous = last ? last.reading : typeof input.previousReading === 'number' ? input.previousReading : null;
    if (previous === null) throw fieldError('previousReading', 'This is the first reading: enter the meter’s reading at move-in');
    if (input.reading < previous) throw fieldError('reading', `The meter read ${previous} last time: a reading cannot go down`);
    const reading = await insertMeterReading(tx, { agencyId: lease.agencyId, leaseId: lease.id, recurringChargeId, period: input.period, previousReading: previous, reading: input.reading, readOn: input.readOn, createdBy: caller.id });
    if (!reading) throw fieldError('period', `There is already a reading for ${input.period}`);
    const used = input.reading - previous;
    const charge = used > 0
      ? await insertCharge(tx, {
        agencyId: lease.agencyId, leaseId: lease.id, kind: 'recurring', period: input.period, recurringChargeId, meterReadingId: reading.id,
        description: `${recurring.description} ${input.period}: ${used} units × ${formatKes(recurring.amountCents)}`, amountCents: used * recurring.amountCents,
        dueDate: dateInPeriod(input.period, lease.dueDay) > input.readOn ? dateInPeriod(input.period, lease.dueDay) : input.readOn, createdBy: caller.id,
      })
      : null;
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'meter.read', targetType: 'lease', targetId: lease.id, details: { recurringChargeId, period: input.period, previous, reading: input.reading, chargeId: charge?.id ?? null } });
    return { reading, charge };
  });
}

/** A credit note forgiving a charge (all of what is left, or part), admins only. */
export async function waiveCharge(db: Db, { caller, chargeId, amountCents, reason }: { caller: Caller; chargeId: string; amountCents?: number; reason: string }) {
  if (caller.role !== 'admin') throw new AppError(caller.role === 'tenant' ? 'not_found' : 'forbidden', caller.role === 'tenant' ? 'Not found' : 'Only agency admins waive charges');
  const charge = await getCharge(db, { chargeId });
  if (!charge || !(await getLeaseForCaller(db, { caller, leaseId: charge.leaseId }))) throw notFound('That charge');
  return db.transaction(async (tx) => {
    const creditable = await getCreditableCents(tx, { chargeId });
    const amount = amountCents ?? creditable;
    if (creditable <= 0) throw new AppError('conflict', 'This charge has already been waived in full');
    if (amount > creditable) throw fieldError('amount', `At most ${formatKes(creditable)} of this charge can be waived`);
    const note = await addCreditNote(tx, { chargeId, amountCents: amount, reason, createdBy: caller.id });
    if (!note) throw new AppError('conflict', 'This charge cannot be waived');
    await recordAudit(tx, { actor: caller, agencyId: charge.agencyId, action: 'charge.waived', targetType: 'lease', targetId: charge.leaseId, details: { chargeId, creditNoteId: note.id, amountCents: amount, reason } });
    return note;
  });
}
