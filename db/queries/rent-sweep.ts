import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { agencies, charges, lateFeeAssessments, leaseRentChanges, leases, paymentCorrections, payments, recurringCharges } from '../schema';

/** Reads for the rent and late-fee sweeps (lib/ledger/rent-sweep.ts); the writes go through the ledger. */

export async function listLeasesDueForRent(db: DbOrTx, { now, limit }: { now: Date; limit: number }): Promise<string[]> {
  const rows = await db.select({ id: leases.id }).from(leases)
    .where(and(inArray(leases.status, ['active', 'notice']), lte(leases.nextRentChargeAt, now)))
    .orderBy(asc(leases.nextRentChargeAt)).limit(limit);
  return rows.map((r) => r.id);
}

/** Locks a lease for charging, or returns null when another instance holds it (it is charging it now). */
export async function claimLeaseForCharging(tx: Tx, { leaseId }: { leaseId: string }) {
  const [row] = await tx.select().from(leases).where(eq(leases.id, leaseId)).for('update', { skipLocked: true }).limit(1);
  return row ?? null;
}

export async function listRentChanges(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select({ effectivePeriod: leaseRentChanges.effectivePeriod, monthlyRentCents: leaseRentChanges.monthlyRentCents })
    .from(leaseRentChanges).where(eq(leaseRentChanges.leaseId, leaseId));
}

export async function listFixedRecurringCharges(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(recurringCharges).where(and(eq(recurringCharges.leaseId, leaseId), eq(recurringCharges.metered, 'fixed')));
}

export async function setNextRentChargeAt(tx: Tx, { leaseId, at }: { leaseId: string; at: Date | null }) {
  await tx.update(leases).set({ nextRentChargeAt: at }).where(eq(leases.id, leaseId));
}

/**
 * Rent charges whose late-fee deadline (due date + the agency's days) is before `today` and that have not been
 * assessed yet, on leases in force.
 */
export async function listRentChargesToAssess(db: DbOrTx, { today, limit }: { today: string; limit: number }) {
  return db
    .select({
      chargeId: charges.id, leaseId: charges.leaseId, agencyId: charges.agencyId, period: charges.period, dueDate: charges.dueDate, createdAt: charges.createdAt,
      kind: agencies.lateFeeKind, fixedCents: agencies.lateFeeFixedCents, percentBps: agencies.lateFeePercentBps, afterDays: agencies.lateFeeAfterDays,
    })
    .from(charges)
    .innerJoin(leases, eq(leases.id, charges.leaseId))
    .innerJoin(agencies, eq(agencies.id, charges.agencyId))
    .where(and(
      eq(charges.kind, 'rent'),
      inArray(leases.status, ['active', 'notice']),
      sql`greatest(${charges.dueDate}, ((${charges.createdAt} at time zone 'UTC') + interval '3 hours')::date) + ${agencies.lateFeeAfterDays} < ${today}::date`,
      sql`not exists (select 1 from late_fee_assessments a where a.lease_id = ${charges.leaseId} and a.period = ${charges.period})`,
    ))
    .orderBy(asc(charges.dueDate))
    .limit(limit);
}

/** The lease's charges and the payments that counted at an instant (corrected later still counted then). */
export async function loadLedgerAt(db: DbOrTx, { leaseId, at }: { leaseId: string; at: Date }) {
  const credited = sql<number>`coalesce((select sum(cn.amount_cents) from credit_notes cn where cn.charge_id = "charges"."id"), 0)`.mapWith(Number);
  const [leaseCharges, leasePayments] = await Promise.all([
    db.select({ id: charges.id, amountCents: charges.amountCents, credited, dueDate: charges.dueDate, createdAt: charges.createdAt, kind: charges.kind })
      .from(charges).where(eq(charges.leaseId, leaseId)),
    db.select({ id: payments.id, amountCents: payments.amountCents, paidAt: payments.paidAt, createdAt: payments.createdAt, correctedAt: paymentCorrections.effectiveAt })
      .from(payments).leftJoin(paymentCorrections, eq(paymentCorrections.paymentId, payments.id))
      .where(and(eq(payments.leaseId, leaseId), sql`${payments.paidAt} < ${at.toISOString()}::timestamptz`)),
  ]);
  return {
    charges: leaseCharges.map((c) => ({ ...c, amountCents: c.amountCents - c.credited })).filter((c) => c.amountCents > 0),
    payments: leasePayments.filter((p) => !p.correctedAt || p.correctedAt >= at),
  };
}

/** Claims the one assessment of a lease's period; false when another sweep made it first. */
export async function claimLateFeeAssessment(
  tx: Tx,
  { leaseId, period, outcome, at }: { leaseId: string; period: string; outcome: 'charged' | 'paid_on_time' | 'no_rule'; at: Date },
): Promise<boolean> {
  const rows = await tx.insert(lateFeeAssessments).values({ leaseId, period, outcome, assessedAt: at }).onConflictDoNothing().returning({ leaseId: lateFeeAssessments.leaseId });
  return rows.length > 0;
}

export async function linkLateFeeCharge(tx: Tx, { leaseId, period, chargeId }: { leaseId: string; period: string; chargeId: string }) {
  await tx.update(lateFeeAssessments).set({ chargeId }).where(and(eq(lateFeeAssessments.leaseId, leaseId), eq(lateFeeAssessments.period, period)));
}
