import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertCharge } from '@/db/queries/ledger';
import { lockLeaseForStaff, updateLease } from '@/db/queries/leases';
import { lockUnitForCaller, setUnitStatus } from '@/db/queries/properties';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { periodOfDate } from '@/lib/ledger/rent-period';
import { chargeDuePeriods } from '@/lib/ledger/rent-sweep';
import { nextRentPeriod, rentChargeMoment, rentForPeriod } from '@/lib/ledger/rent-schedule';

/**
 * Activating a lease lets the unit and charges the deposit and the first month's rent (prorated when the lease
 * starts mid-month), then any later months already due (a lease entered after it started); from then on the
 * sweep charges each month on the billing day. One lease in force per unit: a second activation is refused.
 */
export async function activateLease(db: Db, { caller, leaseId, now = new Date() }: { caller: Caller; leaseId: string; now?: Date }) {
  try {
    return await db.transaction(async (tx) => {
      const lease = await lockLeaseForStaff(tx, { caller, leaseId });
      if (!lease) throw notFound('That lease');
      if (lease.status !== 'draft') throw new AppError('conflict', `This lease is ${lease.status}: only a draft can be activated`);
      const unit = await lockUnitForCaller(tx, { caller, unitId: lease.unitId });
      if (!unit) throw notFound('That unit');
      if (unit.unit.status !== 'vacant') throw new AppError('conflict', `Unit ${unit.unit.label} is ${unit.unit.status}: end its current lease first`);

      const first = periodOfDate(lease.startDate);
      const following = nextRentPeriod(lease, first);
      const active = await updateLease(tx, {
        leaseId: lease.id,
        set: { status: 'active', activatedAt: now, nextRentChargeAt: following ? rentChargeMoment(following, lease.billingDay) : null },
      });
      await setUnitStatus(tx, { unitId: lease.unitId, status: 'let' });
      if (lease.depositCents > 0) {
        await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'deposit', description: 'Security deposit', amountCents: lease.depositCents, dueDate: lease.startDate, createdBy: caller.id, createdAt: now });
      }
      const rent = rentForPeriod(lease, [], first);
      if (rent) {
        await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'rent', period: first, description: rent.description, amountCents: rent.amountCents, dueDate: rent.dueDate, createdBy: caller.id, createdAt: now });
      }
      const caughtUp = await chargeDuePeriods(tx, { lease: active, now });
      await recordAudit(tx, {
        actor: caller, agencyId: lease.agencyId, action: 'lease.activated', targetType: 'lease', targetId: lease.id,
        details: { depositCents: lease.depositCents, firstRentCents: rent?.amountCents ?? 0, firstPeriod: first, laterPeriodsCharged: caughtUp },
      });
      return active;
    });
  } catch (error) {
    // The partial unique indexes are the last word on "one lease in force per unit / per account number".
    if (error instanceof Error && /leases_one_live_per_unit|leases_live_account_reference_key/.test(`${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`)) {
      throw new AppError('conflict', 'Another lease on this unit or with this account number is already in force');
    }
    throw error;
  }
}
