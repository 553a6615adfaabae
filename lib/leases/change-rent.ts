import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertRentChange, lockLeaseForStaff } from '@/db/queries/leases';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { nairobiDate, periodOfDate } from '@/lib/ledger/rent-period';
import { fieldError } from '@/lib/validation/form-fields';

/**
 * A new rent from a chosen month on. Months already charged keep their rent (a correction to one of those is a
 * credit note), so the first month of the new rent must be one the sweep has not charged yet.
 */
export async function changeRent(
  db: Db,
  { caller, leaseId, effectivePeriod, monthlyRentCents, reason }: { caller: Caller; leaseId: string; effectivePeriod: string; monthlyRentCents: number; reason: string },
) {
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status === 'ended') throw new AppError('conflict', 'This lease has ended');
    const firstOpen = lease.status === 'draft' ? periodOfDate(lease.startDate) : lease.nextRentChargeAt ? periodOfDate(nairobiDate(lease.nextRentChargeAt)) : null;
    if (!firstOpen) throw new AppError('conflict', 'Every month of this lease has been charged already');
    if (effectivePeriod < firstOpen) throw fieldError('effectivePeriod', `Rent up to ${firstOpen} is already charged: choose ${firstOpen} or later`);
    const change = await insertRentChange(tx, { agencyId: lease.agencyId, leaseId: lease.id, effectivePeriod, monthlyRentCents, reason, createdBy: caller.id });
    if (!change) throw fieldError('effectivePeriod', `A rent change from ${effectivePeriod} already exists`);
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'lease.rent_changed', targetType: 'lease', targetId: lease.id, details: { effectivePeriod, monthlyRentCents, reason } });
    return change;
  });
}
