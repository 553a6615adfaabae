import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLeaseForStaff, updateLease } from '@/db/queries/leases';
import { setUnitStatus } from '@/db/queries/properties';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { nairobiDate, periodOfDate } from '@/lib/ledger/rent-period';
import { chargeDuePeriods } from '@/lib/ledger/rent-sweep';
import { rentChargeMoment } from '@/lib/ledger/rent-schedule';
import { fieldError } from '@/lib/validation/form-fields';

const FAR_FUTURE = new Date('9999-01-01T00:00:00Z');

/**
 * Ends a lease at move-out: rent is charged up to the move-out date (the last month prorated, charged now if its
 * billing day had not come), nothing after; the unit is vacant again; the deposit is then settled on the lease
 * (deductions, the tenant's view and dispute, the refund). A draft is simply discarded.
 */
export async function endLease(
  db: Db,
  { caller, leaseId, endDate, reason, now = new Date() }: { caller: Caller; leaseId: string; endDate: string; reason: string; now?: Date },
) {
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status === 'ended') throw new AppError('conflict', 'This lease has already ended');
    if (lease.status === 'draft') {
      const discarded = await updateLease(tx, { leaseId: lease.id, set: { status: 'ended', endedAt: now, endReason: reason, nextRentChargeAt: null } });
      await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'lease.discarded', targetType: 'lease', targetId: lease.id, details: { reason } });
      return discarded;
    }
    if (endDate < lease.startDate) throw fieldError('endDate', 'The move-out date cannot be before the lease started');
    if (endDate > nairobiDate(now)) throw fieldError('endDate', 'A lease ends on or after the move-out day: give notice for a future date');
    const next = lease.nextRentChargeAt ? periodOfDate(nairobiDate(lease.nextRentChargeAt)) : null;
    const bounded = await updateLease(tx, {
      leaseId: lease.id,
      set: { endDate, nextRentChargeAt: next && next <= periodOfDate(endDate) ? rentChargeMoment(next, lease.billingDay) : null },
    });
    const finalCharges = await chargeDuePeriods(tx, { lease: bounded, now, until: FAR_FUTURE });
    const ended = await updateLease(tx, { leaseId: lease.id, set: { status: 'ended', endedAt: now, endReason: reason, nextRentChargeAt: null } });
    await setUnitStatus(tx, { unitId: lease.unitId, status: 'vacant' });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'lease.ended', targetType: 'lease', targetId: lease.id, details: { endDate, reason, finalCharges } });
    return ended;
  });
}
