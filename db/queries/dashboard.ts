import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { DashboardWindows } from '@/lib/console/dashboard-windows';
import { periodBounds } from '@/lib/ledger/rent-period';
import type { PaymentMethod } from '../schema/ledger';
import type { DbOrTx } from '../client';
import { charges, leases, mpesaTransactions, payments, properties, units } from '../schema';
import { leaseScope, propertyScope } from './scope';

/**
 * The dashboard's figures, each one query over the books, authorised here: every query is limited to the leases
 * the caller may see (leaseScope: an admin's agency, a landlord's own properties) and to the caller's agency (which
 * also lets Postgres use the (agency_id, …) indexes). Tenants have no dashboard; callers check the role first.
 * Days are Nairobi days: timestamps are bucketed in Africa/Nairobi, windows come from lib/console/dashboard-windows.
 */

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const day = (d: string) => sql`${d}::date`;
const num = (expr: SQL) => sql<number>`coalesce(${expr}, 0)`.mapWith(Number);

/** The ids of the leases the caller may see, as a subquery. */
function scopedLeaseIds(db: DbOrTx, caller: Caller) {
  return db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId)).where(leaseScope(caller));
}

// A charge net of its credit notes (waivers), as the ledger counts it.
const netChargeSql = sql`(${charges.amountCents} - coalesce((select sum(n.amount_cents) from credit_notes n where n.charge_id = ${charges.id}), 0))`;

/** Completed payments per method collected today, this week and this month (reversed ones are not collected). */
export async function sumCollectionsByMethod(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week, month } = windows;
  const within = (w: { from: Date; to: Date }) => sql`${payments.paidAt} >= ${at(w.from)} and ${payments.paidAt} < ${at(w.to)}`;
  const rows = await db
    .select({
      method: payments.method,
      todayCents: num(sql`sum(${payments.amountCents}) filter (where ${within(today)})`),
      weekCents: num(sql`sum(${payments.amountCents}) filter (where ${within(week)})`),
      monthCents: num(sql`sum(${payments.amountCents}) filter (where ${within(month)})`),
      monthCount: num(sql`count(*) filter (where ${within(month)})`),
    })
    .from(payments)
    .where(
      and(
        eq(payments.agencyId, caller.agencyId),
        eq(payments.status, 'completed'),
        sql`${payments.paidAt} >= ${at(new Date(Math.min(week.from.getTime(), month.from.getTime())))}`,
        sql`${payments.paidAt} < ${at(new Date(Math.max(week.to.getTime(), month.to.getTime())))}`,
        sql`${payments.leaseId} in (${scopedLeaseIds(db, caller)})`,
      ),
    )
    .groupBy(payments.method);
  return rows as { method: PaymentMethod; todayCents: number; weekCents: number; monthCents: number; monthCount: number }[];
}

/** Charges (net of credit notes) falling due today, this week and this month. */
export async function sumDueByWindow(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week, month } = windows;
  const within = (w: { firstDay: string; lastDay: string }) => sql`${charges.dueDate} between ${day(w.firstDay)} and ${day(w.lastDay)}`;
  const first = week.firstDay < month.firstDay ? week.firstDay : month.firstDay;
  const last = week.lastDay > month.lastDay ? week.lastDay : month.lastDay;
  const [row] = await db
    .select({
      todayCents: num(sql`sum(${netChargeSql}) filter (where ${within(today)})`),
      weekCents: num(sql`sum(${netChargeSql}) filter (where ${within(week)})`),
      monthCents: num(sql`sum(${netChargeSql}) filter (where ${within(month)})`),
    })
    .from(charges)
    .where(and(eq(charges.agencyId, caller.agencyId), within({ firstDay: first, lastDay: last }), sql`${charges.leaseId} in (${scopedLeaseIds(db, caller)})`));
  return row ?? { todayCents: 0, weekCents: 0, monthCents: 0 };
}

/**
 * Collected and due per Nairobi month over the chart's 12 months. One filtered sum per month rather than grouping
 * by a formatted local date: a range comparison per row is far cheaper than a time-zone conversion and to_char
 * (bench: tests/bench/dashboard.bench.ts).
 */
export async function sumMonthlyCollections(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const firstDay = `${windows.months[0]}-01`;
  const bounds = windows.months.map((period) => ({ period, ...periodBounds(period) }));
  const collectedCols = Object.fromEntries(
    bounds.map((b, i) => [`m${i}`, num(sql`sum(${payments.amountCents}) filter (where ${payments.paidAt} >= ${at(b.from)} and ${payments.paidAt} < ${at(b.to)})`)]),
  );
  const duePeriod = sql<string>`to_char(${charges.dueDate}, 'YYYY-MM')`;
  const [[collectedRow], due] = await Promise.all([
    db
      .select(collectedCols)
      .from(payments)
      .where(
        and(
          eq(payments.agencyId, caller.agencyId),
          eq(payments.status, 'completed'),
          sql`${payments.paidAt} >= ${at(bounds[0]!.from)}`,
          sql`${payments.paidAt} < ${at(windows.month.to)}`,
          sql`${payments.leaseId} in (${scopedLeaseIds(db, caller)})`,
        ),
      ),
    db
      .select({ period: duePeriod, cents: num(sql`sum(${netChargeSql})`) })
      .from(charges)
      .where(and(eq(charges.agencyId, caller.agencyId), sql`${charges.dueDate} between ${day(firstDay)} and ${day(windows.month.lastDay)}`, sql`${charges.leaseId} in (${scopedLeaseIds(db, caller)})`))
      .groupBy(duePeriod),
  ]);
  const collected = bounds.map((b, i) => ({ period: b.period, cents: Number((collectedRow as Record<string, number> | undefined)?.[`m${i}`] ?? 0) }));
  return { collected, due };
}

/** Collected per Nairobi day of this month. */
export async function sumDailyCollections(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const paidDay = sql<string>`to_char(${payments.paidAt} at time zone 'Africa/Nairobi', 'YYYY-MM-DD')`;
  return db
    .select({ day: paidDay, cents: num(sql`sum(${payments.amountCents})`) })
    .from(payments)
    .where(
      and(
        eq(payments.agencyId, caller.agencyId),
        eq(payments.status, 'completed'),
        sql`${payments.paidAt} >= ${at(windows.month.from)}`,
        sql`${payments.paidAt} < ${at(windows.month.to)}`,
        sql`${payments.leaseId} in (${scopedLeaseIds(db, caller)})`,
      ),
    )
    .groupBy(paidDay);
}

/** STK pushes started in a window, counted by how they ended (status and Daraja's result code). */
export async function countStkOutcomes(db: DbOrTx, { caller, from, to }: { caller: Caller; from: Date; to: Date }) {
  return db
    .select({ status: mpesaTransactions.status, resultCode: mpesaTransactions.resultCode, count: num(sql`count(*)`) })
    .from(mpesaTransactions)
    .where(
      and(
        eq(mpesaTransactions.agencyId, caller.agencyId),
        sql`${mpesaTransactions.createdAt} >= ${at(from)}`,
        sql`${mpesaTransactions.createdAt} < ${at(to)}`,
        sql`${mpesaTransactions.leaseId} in (${scopedLeaseIds(db, caller)})`,
      ),
    )
    .groupBy(mpesaTransactions.status, mpesaTransactions.resultCode);
}

/**
 * What each lease still owes per due date, for charges due by `today`: the charge net of credit notes less what
 * payments were allocated to it (allocations are recomputed without reversed payments, so they are current).
 * Credit notes and allocations are summed per charge once and joined, not looked up per charge.
 */
export async function listUnpaidCharges(db: DbOrTx, { caller, today }: { caller: Caller; today: string }) {
  const scoped = scopedLeaseIds(db, caller);
  const credited = sql`(select charge_id, sum(amount_cents) as cents from credit_notes where agency_id = ${caller.agencyId} and lease_id in (${scoped}) group by charge_id)`;
  const allocated = sql`(select charge_id, sum(amount_cents) as cents from payment_allocations where lease_id in (${scoped}) group by charge_id)`;
  const outstanding = sql`sum(${charges.amountCents} - coalesce(n.cents, 0) - coalesce(a.cents, 0))`;
  return db
    .select({ leaseId: charges.leaseId, dueDate: charges.dueDate, outstandingCents: num(outstanding) })
    .from(charges)
    .leftJoin(sql`${credited} n`, sql`n.charge_id = ${charges.id}`)
    .leftJoin(sql`${allocated} a`, sql`a.charge_id = ${charges.id}`)
    .where(and(eq(charges.agencyId, caller.agencyId), sql`${charges.dueDate} <= ${day(today)}`, sql`${charges.leaseId} in (${scoped})`))
    .groupBy(charges.leaseId, charges.dueDate)
    .having(sql`${outstanding} > 0`);
}

/** Units the caller may see, and how many have a live (active or notice) lease. */
export async function countOccupancy(db: DbOrTx, { caller }: { caller: Caller }) {
  const [row] = await db
    .select({
      units: num(sql`count(${units.id})`),
      occupied: num(sql`count(${units.id}) filter (where exists (select 1 from leases l where l.unit_id = ${units.id} and l.status in ('active', 'notice')))`),
    })
    .from(units)
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(propertyScope(caller));
  return row ?? { units: 0, occupied: 0 };
}
