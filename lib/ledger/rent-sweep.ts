import type { Db, Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { insertCharge } from '@/db/queries/ledger';
import {
  claimLateFeeAssessment, claimLeaseForCharging, linkLateFeeCharge, listFixedRecurringCharges, listLeasesDueForRent, listRentChanges,
  listRentChargesToAssess, loadLedgerAt, setNextRentChargeAt,
} from '@/db/queries/rent-sweep';
import type { leases } from '@/db/schema';
import { allocatePayments } from './allocate-payments';
import { lateFeeAmount, lateFeeDeadline } from './late-fee-rule';
import { addDays, nairobiDate, nairobiMidnight, periodOfDate } from './rent-period';
import { nextRentPeriod, rentChargeMoment, rentForPeriod } from './rent-schedule';

/**
 * Rent that charges itself. Every active lease (or one under notice) has `next_rent_charge_at`, the moment its
 * next period is raised (Nairobi midnight on its billing day). The sweep charges every lease whose moment has
 * passed — each period once, however late the sweep runs (catching up after downtime) and however many
 * instances sweep at once: a lease is charged under its row lock (others skip it) and each charge has a unique
 * key (lease + period). Nothing is charged after a lease's end date. `now` is injectable so tests move the clock.
 */

type LeaseRow = typeof leases.$inferSelect;

const BATCH = 200;

/**
 * Raises the periods of one locked lease whose moment is at or before `until` (default `now`), stamped as raised
 * at `now`; returns how many charges were raised.
 */
export async function chargeDuePeriods(tx: Tx, { lease, now, until = now }: { lease: LeaseRow; now: Date; until?: Date }): Promise<number> {
  if (!lease.nextRentChargeAt || lease.nextRentChargeAt > until) return 0;
  const [changes, recurring] = await Promise.all([listRentChanges(tx, { leaseId: lease.id }), listFixedRecurringCharges(tx, { leaseId: lease.id })]);
  let period: string | null = periodOfDate(nairobiDate(lease.nextRentChargeAt));
  let moment: Date | null = lease.nextRentChargeAt;
  let raised = 0;
  while (period && moment && moment <= until) {
    const rent = rentForPeriod(lease, changes, period);
    if (rent && rent.amountCents > 0) {
      const row = await insertCharge(tx, { agencyId: lease.agencyId, leaseId: lease.id, kind: 'rent', period, description: rent.description, amountCents: rent.amountCents, dueDate: rent.dueDate, createdAt: now });
      if (row) raised += 1;
      for (const r of recurring) {
        if (r.startPeriod > period || (r.endPeriod && r.endPeriod < period)) continue;
        const extra = await insertCharge(tx, {
          agencyId: lease.agencyId, leaseId: lease.id, kind: 'recurring', period, recurringChargeId: r.id, description: `${r.description} ${period}`, amountCents: r.amountCents, dueDate: rent.dueDate, createdAt: now,
        });
        if (extra) raised += 1;
      }
    }
    period = nextRentPeriod(lease, period);
    moment = period ? rentChargeMoment(period, lease.billingDay) : null;
  }
  await setNextRentChargeAt(tx, { leaseId: lease.id, at: moment });
  return raised;
}

export async function sweepRentCharges(db: Db, { now }: { now: Date }): Promise<number> {
  let raised = 0;
  for (;;) {
    const due = await listLeasesDueForRent(db, { now, limit: BATCH });
    let progressed = 0;
    for (const leaseId of due) {
      const n = await db.transaction(async (tx) => {
        const lease = await claimLeaseForCharging(tx, { leaseId });
        // Locked by another instance (or by a payment): it will be charged by whoever holds it, or next time.
        if (!lease || !lease.nextRentChargeAt || lease.nextRentChargeAt > now || !['active', 'notice'].includes(lease.status)) return -1;
        const count = await chargeDuePeriods(tx, { lease, now });
        if (count > 0) await recordAudit(tx, { actor: null, agencyId: lease.agencyId, action: 'rent.charged', targetType: 'lease', targetId: lease.id, details: { charges: count, asOf: now.toISOString() } });
        return count;
      });
      if (n >= 0) progressed += 1;
      raised += Math.max(0, n);
    }
    if (due.length < BATCH || progressed === 0) return raised;
  }
}

/**
 * Late fees: each rent charge is assessed once, the day after its deadline, by the agency's rule and the
 * payments made by the end of the deadline day. Returns the number of fees charged.
 */
export async function sweepLateFees(db: Db, { now }: { now: Date }): Promise<number> {
  const today = nairobiDate(now);
  let charged = 0;
  for (;;) {
    const candidates = await listRentChargesToAssess(db, { today, limit: BATCH });
    let progressed = 0;
    for (const c of candidates) {
      const rule = { kind: c.kind, fixedCents: c.fixedCents, percentBps: c.percentBps, afterDays: c.afterDays };
      const deadline = lateFeeDeadline({ dueDate: c.dueDate, raisedOn: nairobiDate(c.createdAt) }, rule);
      const cutoff = nairobiMidnight(addDays(deadline, 1));
      const fee = await db.transaction(async (tx) => {
        const lease = await claimLeaseForCharging(tx, { leaseId: c.leaseId });
        if (!lease) return -1;
        const ledger = await loadLedgerAt(tx, { leaseId: c.leaseId, at: cutoff });
        const dueByDeadline = ledger.charges.filter((x) => x.dueDate <= deadline && x.createdAt < cutoff && x.kind !== 'late_fee');
        const unpaid = allocatePayments({ charges: dueByDeadline, payments: ledger.payments }).outstandingByCharge.get(c.chargeId) ?? 0;
        const amountCents = lateFeeAmount(rule, unpaid);
        const outcome = rule.kind === 'none' ? 'no_rule' : amountCents > 0 ? 'charged' : 'paid_on_time';
        if (!(await claimLateFeeAssessment(tx, { leaseId: c.leaseId, period: c.period!, outcome, at: now }))) return 0;
        if (outcome !== 'charged') return 0;
        const row = await insertCharge(tx, {
          agencyId: c.agencyId, leaseId: c.leaseId, kind: 'late_fee', period: c.period, description: `Late fee: rent ${c.period} unpaid after ${deadline}`, amountCents, dueDate: addDays(deadline, 1), createdAt: now,
        });
        if (!row) return 0;
        await linkLateFeeCharge(tx, { leaseId: c.leaseId, period: c.period!, chargeId: row.id });
        await recordAudit(tx, { actor: null, agencyId: c.agencyId, action: 'late_fee.charged', targetType: 'lease', targetId: c.leaseId, details: { chargeId: row.id, period: c.period, amountCents, unpaidCents: unpaid } });
        return 1;
      });
      if (fee >= 0) progressed += 1;
      charged += Math.max(0, fee);
    }
    if (candidates.length < BATCH || progressed === 0) return charged;
  }
}

/** One pass of both sweeps (the order matters: a period's rent exists before its late fee is assessed). */
export async function runRentSweep(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const rentCharges = await sweepRentCharges(db, { now });
  const lateFees = await sweepLateFees(db, { now });
  return { rentCharges, lateFees };
}
