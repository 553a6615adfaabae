import { and, eq, sql, type SQL } from 'drizzle-orm';
import { unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DashboardWindows } from '@/lib/console/dashboard-windows';
import type { PaymentMethod } from '../schema/ledger';
import type { DbOrTx } from '../client';
import { charges, creditNotes, leaseLedgerTotals, leases, mpesaTransactions, payments, properties, units } from '../schema';
import { listMonthTotals } from './month-totals';
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

/**
 * Limits a row of the caller's agency (each query has `agency_id = caller's agency`) to the caller's leases. For an
 * admin that agency condition is the whole scope (leaseScope: the lease's agency, which is always its rows'), so
 * nothing is added and Postgres ranges over the (agency_id, date) indexes; joining every lease of the agency for
 * nothing cost more than the sums (bench: tests/bench/pages.bench.ts). A landlord's leases come through the property.
 */
function inCallerLeases(db: DbOrTx, caller: Caller, leaseId: AnyPgColumn): SQL | undefined {
  if (caller.role === 'admin') return undefined;
  const ids = db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId)).where(leaseScope(caller));
  return sql`${leaseId} in (${ids})`;
}

/**
 * Charges falling due between two days and the credit notes (waivers) against them, as signed amounts: summed, a
 * charge counts net of its credit notes, as the ledger counts it. A union rather than a credit-note lookup per
 * charge, which Postgres ran once per charge and per sum.
 */
function netChargeEntries(db: DbOrTx, caller: Caller, { firstDay, lastDay }: { firstDay: string; lastDay: string }) {
  const dueBetween = sql`${charges.dueDate} between ${day(firstDay)} and ${day(lastDay)}`;
  return unionAll(
    db.select({ dueDate: charges.dueDate, cents: sql<number>`${charges.amountCents}`.as('cents') }).from(charges)
      .where(and(eq(charges.agencyId, caller.agencyId), dueBetween, inCallerLeases(db, caller, charges.leaseId))),
    db.select({ dueDate: charges.dueDate, cents: sql<number>`-${creditNotes.amountCents}`.as('cents') }).from(creditNotes)
      .innerJoin(charges, eq(charges.id, creditNotes.chargeId))
      .where(and(eq(creditNotes.agencyId, caller.agencyId), dueBetween, inCallerLeases(db, caller, charges.leaseId))),
  ).as('net_charges');
}

/**
 * Completed payments per method collected today, this week and this month (reversed ones are not collected). The
 * month comes from the month totals; today and this week, a few days of payments, from the payments themselves.
 */
export async function sumCollectionsByMethod(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week, month } = windows;
  const within = (w: { from: Date; to: Date }) => sql`${payments.paidAt} >= ${at(w.from)} and ${payments.paidAt} < ${at(w.to)}`;
  const [recent, months] = await Promise.all([
    db
      .select({
        method: payments.method,
        todayCents: num(sql`sum(${payments.amountCents}) filter (where ${within(today)})`),
        weekCents: num(sql`sum(${payments.amountCents})`),
      })
      .from(payments)
      // The week holds today.
      .where(and(eq(payments.agencyId, caller.agencyId), eq(payments.status, 'completed'), within(week), inCallerLeases(db, caller, payments.leaseId)))
      .groupBy(payments.method),
    listMonthTotals(db, { caller, periods: [month.period] }),
  ]);
  const byMethod = new Map<PaymentMethod, { method: PaymentMethod; todayCents: number; weekCents: number; monthCents: number; monthCount: number }>();
  const of = (method: PaymentMethod) => byMethod.get(method) ?? byMethod.set(method, { method, todayCents: 0, weekCents: 0, monthCents: 0, monthCount: 0 }).get(method)!;
  for (const r of recent) Object.assign(of(r.method), { todayCents: r.todayCents, weekCents: r.weekCents });
  for (const m of months) if (m.entry !== 'due') Object.assign(of(m.entry as PaymentMethod), { monthCents: m.cents, monthCount: m.payments });
  return [...byMethod.values()];
}

/** Charges (net of credit notes) falling due today and this week (from the charges), and this month (month totals). */
export async function sumDueByWindow(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week, month } = windows;
  const net = netChargeEntries(db, caller, week);
  const [[row], months] = await Promise.all([
    db
      .select({ todayCents: num(sql`sum(${net.cents}) filter (where ${net.dueDate} = ${day(today.firstDay)})`), weekCents: num(sql`sum(${net.cents})`) })
      .from(net),
    listMonthTotals(db, { caller, periods: [month.period] }),
  ]);
  return { todayCents: row?.todayCents ?? 0, weekCents: row?.weekCents ?? 0, monthCents: months.find((m) => m.entry === 'due')?.cents ?? 0 };
}

/** Collected (every route) and due per Nairobi month over the chart's 12 months, from the month totals. */
export async function sumMonthlyCollections(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const rows = await listMonthTotals(db, { caller, periods: windows.months });
  const total = (period: string, due: boolean) => rows.filter((r) => r.period === period && (r.entry === 'due') === due).reduce((s, r) => s + r.cents, 0);
  return {
    collected: windows.months.map((period) => ({ period, cents: total(period, false) })),
    due: windows.months.map((period) => ({ period, cents: total(period, true) })),
  };
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
        inCallerLeases(db, caller, payments.leaseId),
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
        inCallerLeases(db, caller, mpesaTransactions.leaseId),
      ),
    )
    .groupBy(mpesaTransactions.status, mpesaTransactions.resultCode);
}

/**
 * What each lease still owes per due date, for charges due by `today`: the charge net of credit notes less what
 * payments were allocated to it (allocations are recomputed without reversed payments, so they are current).
 *
 * Only leases that owe are read: allocation settles every charge of a lease whose payments cover what it was charged,
 * so a lease with a balance ≤ 0 in lease_ledger_totals (kept equal to the ledger by the database) has nothing unpaid.
 * That keeps this to the owing leases' charges, each netted by index lookups, rather than the agency's history.
 */
export async function listUnpaidCharges(db: DbOrTx, { caller, today }: { caller: Caller; today: string }) {
  const t = leaseLedgerTotals;
  const owing = sql`select ${t.leaseId} from ${t} where ${t.agencyId} = ${caller.agencyId} and ${t.balanceCents} > 0`;
  // Each charge's outstanding amount once, in a subquery: in the grouped query's select and having, the two lookups
  // ran twice per charge.
  const perCharge = db
    .select({
      leaseId: sql<string>`"charges"."lease_id"`.as('lease_id'),
      dueDate: sql<string>`to_char("charges"."due_date", 'YYYY-MM-DD')`.as('due_date'),
      // Written out with the table name: inside a one-table select Drizzle renders columns unqualified, and a bare
      // "id" in the lookups would be the credit note's or allocation's own.
      outstanding: sql<number>`"charges"."amount_cents"
        - coalesce((select sum(n.amount_cents) from credit_notes n where n.charge_id = "charges"."id"), 0)
        - coalesce((select sum(a.amount_cents) from payment_allocations a where a.charge_id = "charges"."id"), 0)`.as('outstanding'),
    })
    .from(charges)
    .where(and(eq(charges.agencyId, caller.agencyId), sql`${charges.dueDate} <= ${day(today)}`, sql`${charges.leaseId} in (${owing})`, inCallerLeases(db, caller, charges.leaseId)))
    .as('per_charge');
  return db
    .select({ leaseId: perCharge.leaseId, dueDate: perCharge.dueDate, outstandingCents: num(sql`sum(${perCharge.outstanding})`) })
    .from(perCharge)
    .where(sql`${perCharge.outstanding} > 0`)
    .groupBy(perCharge.leaseId, perCharge.dueDate);
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
    // The unit's own agency too (always the property's): the agency's units come by index, not a scan of every unit.
    .where(and(propertyScope(caller), eq(units.agencyId, caller.agencyId)));
  return row ?? { units: 0, occupied: 0 };
}
