import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DashboardWindows } from '@/lib/console/dashboard-windows';
import type { DbOrTx } from '../client';
import { charges, creditNotes, leaseLedgerTotals, leases, mpesaTransactions, paymentAllocations, payments, properties, units } from '../schema';
import { leaseScope, propertyScope } from './scope';

/**
 * The dashboard's figures, authorised here: every query is limited to the leases the caller may see (leaseScope: an
 * admin's agency, a landlord's own properties) and to the caller's agency (which also lets Postgres use the
 * (agency_id, …) indexes). Today and this week come from the books here; this month and the 12 months from the month
 * totals (listMonthTotals, read once by lib/console/get-dashboard.ts), and the arrears from the lease totals, that the
 * database keeps beside them (db/schema/*-totals.ts).
 * Tenants have no dashboard; callers check the role first.
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
function inCallerLeases(db: DbOrTx, caller: Caller, leaseId: AnyPgColumn, { asList = false }: { asList?: boolean } = {}): SQL | undefined {
  if (caller.role === 'admin') return undefined;
  const ids = db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId)).where(leaseScope(caller));
  // As a list, the landlord's leases are read once and filter the first table scanned; as a subquery Postgres may
  // join them in late, after every row they would have removed was read.
  return asList ? sql`${leaseId} = any(array(${ids}))` : sql`${leaseId} in (${ids})`;
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
 * Completed payments per method collected today and this week (reversed ones are not collected), from the payments
 * themselves: a few days of them. This month's come from the month totals (listMonthTotals).
 */
export async function sumWeekCollectionsByMethod(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week } = windows;
  const within = (w: { from: Date; to: Date }) => sql`${payments.paidAt} >= ${at(w.from)} and ${payments.paidAt} < ${at(w.to)}`;
  return db
    .select({
      method: payments.method,
      todayCents: num(sql`sum(${payments.amountCents}) filter (where ${within(today)})`),
      weekCents: num(sql`sum(${payments.amountCents})`),
    })
    .from(payments)
    // The week holds today.
    .where(and(eq(payments.agencyId, caller.agencyId), eq(payments.status, 'completed'), within(week), inCallerLeases(db, caller, payments.leaseId)))
    .groupBy(payments.method);
}

/** Charges (net of credit notes) falling due today and this week, from the charges. This month's: the month totals. */
export async function sumWeekDue(db: DbOrTx, { caller, windows }: { caller: Caller; windows: DashboardWindows }) {
  const { today, week } = windows;
  const net = netChargeEntries(db, caller, week);
  const [row] = await db
    .select({ todayCents: num(sql`sum(${net.cents}) filter (where ${net.dueDate} = ${day(today.firstDay)})`), weekCents: num(sql`sum(${net.cents})`) })
    .from(net);
  return { todayCents: row?.todayCents ?? 0, weekCents: row?.weekCents ?? 0 };
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
 * Only leases that owe are read, from lease_ledger_totals (kept equal to the ledger by the database), and of their
 * charges only those the balance reaches. Allocation is oldest-first and, while a lease owes, every shilling paid
 * is allocated; so what is unpaid is the run of newest charges whose net amounts cover the balance. Counting back
 * from the newest, a charge is a candidate while the charges after it come to less than the balance; each
 * candidate's outstanding amount is then read from its allocations, exactly. Looking up the allocations of every
 * charge of the owing leases cost more than the rest of the dashboard together (bench: tests/bench/pages.bench.ts).
 */
export async function listUnpaidCharges(db: DbOrTx, { caller, today }: { caller: Caller; today: string }) {
  const t = leaseLedgerTotals;
  // Each charge's credit notes summed once, in a lateral join: as a correlated subquery in `net`, Postgres ran the
  // lookup once for each of the three places `net` is used (the filter, the running sum and the select list). An
  // aggregate without GROUP BY always gives one row (0 without credit notes), so the inner join keeps every charge.
  // Qualified by hand: the lateral's select list is a single-table select, whose columns Drizzle renders bare.
  const n = alias(creditNotes, 'n');
  const credited = db.select({ cents: sql<number>`coalesce(sum(n.amount_cents), 0)`.as('credited_cents') }).from(n).where(eq(n.chargeId, charges.id)).as('credited');
  const net = sql<number>`(${charges.amountCents} - "credited"."credited_cents")`;
  const candidates = db
    .select({
      chargeId: sql<string>`${charges.id}`.as('charge_id'),
      leaseId: sql<string>`${charges.leaseId}`.as('lease_id'),
      dueDate: sql<string>`to_char(${charges.dueDate}, 'YYYY-MM-DD')`.as('due_date'),
      net: net.as('net'),
      balance: sql<number>`${t.balanceCents}`.as('balance'),
      // Allocation's order (due date, creation time, id) reversed: what this charge and every newer one come to.
      newerAndThis: sql<number>`sum(${net}) over (partition by ${charges.leaseId} order by ${charges.dueDate} desc, ${charges.createdAt} desc, ${charges.id} desc)`.as('newer_and_this'),
    })
    .from(t)
    .innerJoin(charges, and(eq(charges.leaseId, t.leaseId), eq(charges.agencyId, caller.agencyId)))
    .innerJoinLateral(credited, sql`true`)
    // A charge waived in full is not allocated to, and owes nothing.
    .where(and(eq(t.agencyId, caller.agencyId), sql`${t.balanceCents} > 0`, sql`${net} > 0`, inCallerLeases(db, caller, t.leaseId, { asList: true })))
    .as('candidates');
  // Qualified by hand: Drizzle renders a subquery's fields bare, and a bare charge_id here would be the allocation's.
  // A lateral join again, so that the allocation lookup runs once per charge and not once per use of `outstanding`.
  const a = alias(paymentAllocations, 'a');
  const allocated = db.select({ cents: sql<number>`coalesce(sum(a.amount_cents), 0)`.as('allocated_cents') }).from(a).where(sql`a.charge_id = "candidates"."charge_id"`).as('allocated');
  const outstanding = sql<number>`"candidates"."net" - "allocated"."allocated_cents"`;
  const unpaid = db
    .select({ leaseId: candidates.leaseId, dueDate: candidates.dueDate, outstanding: outstanding.as('outstanding') })
    .from(candidates)
    .innerJoinLateral(allocated, sql`true`)
    .where(and(sql`${candidates.newerAndThis} - ${candidates.net} < ${candidates.balance}`, sql`${candidates.dueDate} <= ${today}`))
    .as('unpaid');
  return db
    .select({ leaseId: unpaid.leaseId, dueDate: unpaid.dueDate, outstandingCents: num(sql`sum(${unpaid.outstanding})`) })
    .from(unpaid)
    .where(sql`${unpaid.outstanding} > 0`)
    .groupBy(unpaid.leaseId, unpaid.dueDate);
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
