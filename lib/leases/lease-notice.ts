import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { lockLeaseForStaff, updateLease } from '@/db/queries/leases';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { nairobiDate, periodOfDate, addPeriods } from '@/lib/ledger/rent-period';
import { nextRentPeriod, rentChargeMoment } from '@/lib/ledger/rent-schedule';
import { fieldError } from '@/lib/validation/form-fields';

/**
 * Notice sets the move-out date: the lease stays in force (billed, payable) until then, and the sweep charges
 * nothing after it (the last month prorated). Notice can be withdrawn while the lease has not ended.
 */
export async function giveNotice(db: Db, { caller, leaseId, endDate, reason, now = new Date() }: { caller: Caller; leaseId: string; endDate: string; reason: string | null; now?: Date }) {
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status !== 'active' && lease.status !== 'notice') throw new AppError('conflict', `This lease is ${lease.status}: notice is given on an active lease`);
    if (endDate < lease.startDate) throw fieldError('endDate', 'The move-out date cannot be before the lease started');
    // Months already charged stay charged (a correction would be a credit note); the end falls in the last one at the earliest.
    const charged = lease.nextRentChargeAt ? addPeriods(periodOfDate(nairobiDate(lease.nextRentChargeAt)), -1) : null;
    if (charged && periodOfDate(endDate) < charged) throw fieldError('endDate', `Rent is already charged up to ${charged}: choose a date in ${charged} or later, and credit any refund`);
    const nextPeriod = lease.nextRentChargeAt ? periodOfDate(nairobiDate(lease.nextRentChargeAt)) : null;
    const stillDue = nextPeriod && nextPeriod <= periodOfDate(endDate) ? nextPeriod : null;
    const updated = await updateLease(tx, {
      leaseId: lease.id,
      set: { status: 'notice', endDate, noticeGivenAt: now, nextRentChargeAt: stillDue ? rentChargeMoment(stillDue, lease.billingDay) : null },
    });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'lease.notice_given', targetType: 'lease', targetId: lease.id, details: { endDate, reason, previousEndDate: lease.endDate } });
    return updated;
  });
}

export async function withdrawNotice(db: Db, { caller, leaseId }: { caller: Caller; leaseId: string }) {
  return db.transaction(async (tx) => {
    const lease = await lockLeaseForStaff(tx, { caller, leaseId });
    if (!lease) throw notFound('That lease');
    if (lease.status !== 'notice') throw new AppError('conflict', 'This lease is not under notice');
    const lastCharged = lease.endDate ? periodOfDate(lease.endDate) : null;
    const resume = lease.nextRentChargeAt ?? (lastCharged ? rentChargeMoment(nextRentPeriod({ endDate: null }, lastCharged)!, lease.billingDay) : null);
    const updated = await updateLease(tx, { leaseId: lease.id, set: { status: 'active', endDate: null, noticeGivenAt: null, nextRentChargeAt: resume } });
    await recordAudit(tx, { actor: caller, agencyId: lease.agencyId, action: 'lease.notice_withdrawn', targetType: 'lease', targetId: lease.id, details: { endDate: lease.endDate } });
    return updated;
  });
}
