import { and, count, countDistinct, desc, eq, gte, lt, sql, sum, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { periodBounds } from '@/lib/ledger/rent-period';
import { decodeCursor, toPage, type Page } from '@/lib/pagination/cursor';
import type { DbOrTx } from '../client';
import { charges, leaseLedgerTotals, leases, payments, properties, units, users, type LeaseStatus } from '../schema';
import { ledgerSums } from './lease-ledger-sums';
import { joinPaymentContext, leaseTenant } from './payment-context-join';
import { newestFirstForCaller } from './recent-agency-payments';
import { leaseScope, propertyScope } from './scope';

const tenant = alias(users, 'tenant');

/** Each of the caller's leases with what it owes (negative = credit), as a subquery to list, page or total. */
function leaseBalances(db: DbOrTx, caller: Caller) {
  const sums = ledgerSums(db, { agencyId: caller.agencyId });
  const chargedCents = sql<number>`coalesce(${sums.chargedCents}, 0)::bigint`;
  const paidCents = sql<number>`coalesce(${sums.paidCents}, 0)::bigint`;
  return db
    .select({
      leaseId: sql<string>`${leases.id}`.as('lease_id'), status: leases.status, accountReference: leases.accountReference, monthlyRentCents: leases.monthlyRentCents,
      dueDay: leases.dueDay, unitLabel: units.label, propertyName: properties.name, tenantName: sql<string>`${tenant.name}`.as('tenant_name'),
      tenantPhone: sql<string | null>`${tenant.phone}`.as('tenant_phone'), chargedCents: chargedCents.as('charged_cents'), paidCents: paidCents.as('paid_cents'),
      balanceCents: sql<number>`${chargedCents} - ${paidCents}`.as('balance_cents'),
    })
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId))
    .leftJoin(sums, eq(sums.leaseId, leases.id))
    // For an admin, the unit's agency too: the agency's units come by index rather than a scan of every unit. Not for
    // a landlord, whose few properties lead already (the extra condition makes the planner expect one row and loop).
    .where(and(leaseScope(caller), caller.role === 'admin' ? eq(units.agencyId, caller.agencyId) : undefined))
    .as('lease_balances');
}

const asNumbers = <T extends { chargedCents: number; paidCents: number; balanceCents: number }>(r: T): T => ({
  ...r, chargedCents: Number(r.chargedCents), paidCents: Number(r.paidCents), balanceCents: Number(r.balanceCents),
});

/** Every lease the caller may see with what it owes (negative = credit). */
export async function listLeaseBalancesForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  const lb = leaseBalances(db, caller);
  const rows = await db.select().from(lb).orderBy(lb.propertyName, lb.unitLabel);
  return rows.map(asNumbers);
}

export type LeaseBalanceRow = Awaited<ReturnType<typeof listLeaseBalancesForCaller>>[number];

/**
 * How many of the caller's leases there are, how many owe, and how much they owe in all: one row per lease from the
 * maintained totals (lease_ledger_totals), not the agency's history.
 */
export async function getArrearsSummaryForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  const t = leaseLedgerTotals;
  // An admin's leases by agency alone; a landlord's through the property.
  const scoped = <Q extends PgSelect>(q: Q) =>
    caller.role === 'admin' ? q.where(leaseScope(caller)) : q.innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId)).where(leaseScope(caller));
  const [[all], [owing]] = await Promise.all([
    scoped(db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(leases).$dynamic()),
    // The owing leases off the owing index (agency, balance > 0), not a pass over every lease's totals.
    scoped(
      db.select({ n: sql<number>`count(*)::int`.mapWith(Number), cents: sql<number>`coalesce(sum(${t.balanceCents}), 0)::bigint`.mapWith(Number) })
        .from(t)
        .innerJoin(leases, and(eq(leases.id, t.leaseId), eq(t.agencyId, caller.agencyId), sql`${t.balanceCents} > 0`))
        .$dynamic(),
    ),
  ]);
  return { leases: all?.n ?? 0, inArrears: owing?.n ?? 0, arrearsCents: owing?.cents ?? 0 };
}

export type ArrearsSummary = Awaited<ReturnType<typeof getArrearsSummaryForCaller>>;

/**
 * One page of the caller's leases that owe, largest debt first, keyset-paged on (balance, lease id) so the list can
 * run to any length without rendering every lease of the agency on its overview. The page comes straight off the
 * owing-leases index of lease_ledger_totals (agency, balance desc, lease id desc); the summary is its own small query.
 */
export async function listLeasesInArrearsPage(
  db: DbOrTx,
  { caller, after, limit = 20 }: { caller: Caller; after?: string | null; limit?: number },
): Promise<Page<LeaseBalanceRow> & { summary: ArrearsSummary }> {
  const t = leaseLedgerTotals;
  const cursor = decodeCursor(after);
  const [rows, summary] = await Promise.all([
    db
      .select({
        leaseId: leases.id, status: leases.status, accountReference: leases.accountReference, monthlyRentCents: leases.monthlyRentCents, dueDay: leases.dueDay,
        unitLabel: units.label, propertyName: properties.name, tenantName: tenant.name, tenantPhone: tenant.phone,
        chargedCents: t.chargedCents, paidCents: t.paidCents, balanceCents: t.balanceCents,
      })
      .from(t)
      .innerJoin(leases, eq(leases.id, t.leaseId))
      .innerJoin(units, eq(units.id, leases.unitId))
      .innerJoin(properties, eq(properties.id, units.propertyId))
      .innerJoin(tenant, eq(tenant.id, leases.tenantId))
      .where(and(
        eq(t.agencyId, caller.agencyId), sql`${t.balanceCents} > 0`, leaseScope(caller),
        cursor && /^\d{1,15}$/.test(cursor[0]) ? sql`(${t.balanceCents}, ${t.leaseId}) < (${cursor[0]}::bigint, ${cursor[1]}::uuid)` : undefined,
      ))
      .orderBy(desc(t.balanceCents), desc(t.leaseId))
      .limit(limit + 1),
    getArrearsSummaryForCaller(db, { caller }),
  ]);
  return { ...toPage(rows.map(asNumbers), limit, (r) => [String(r.balanceCents), r.leaseId]), summary };
}

export async function listPropertiesForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  return db
    .select({
      id: properties.id, name: properties.name, location: properties.location,
      unitCount: countDistinct(units.id),
      occupiedCount: sql<number>`count(distinct ${leases.unitId}) filter (where ${leases.status} in ('active', 'notice'))`.mapWith(Number),
    })
    .from(properties)
    // The unit's own agency too (always the property's): the agency's units come by index, not a scan of all.
    .leftJoin(units, and(eq(units.propertyId, properties.id), eq(units.agencyId, caller.agencyId)))
    .leftJoin(leases, eq(leases.unitId, units.id))
    .where(propertyScope(caller))
    .groupBy(properties.id)
    .orderBy(properties.name);
}

export async function listRecentPaymentsForCaller(db: DbOrTx, { caller, limit = 10 }: { caller: Caller; limit?: number }) {
  return newestFirstForCaller(db, { caller, limit, run: (within) => selectRecentPayments(db, { caller, limit, within }) });
}

function selectRecentPayments(db: DbOrTx, { caller, limit, within }: { caller: Caller; limit: number; within: SQL | undefined }) {
  return joinPaymentContext(db.select({
    id: payments.id, amountCents: payments.amountCents, method: payments.method, receipt: payments.mpesaReceiptNumber, paidAt: payments.paidAt,
    status: payments.status, leaseId: leases.id, unitLabel: units.label, propertyName: properties.name, tenantName: leaseTenant.name,
  }).from(payments).$dynamic())
    // The payment's own agency first: the newest rows come straight off (agency_id, paid_at, id), not a scan of all.
    .where(and(eq(payments.agencyId, caller.agencyId), leaseScope(caller), within))
    .orderBy(desc(payments.paidAt), desc(payments.id))
    .limit(limit);
}

/**
 * Ids of the caller's leases. An admin's scope is the lease's own agency, so no join: joining units and properties
 * for nothing made Postgres hash every unit of every agency. A landlord's scope needs the property.
 */
function callerLeaseIds(db: DbOrTx, caller: Caller, { status }: { status?: LeaseStatus } = {}) {
  const onlyStatus = status ? eq(leases.status, status) : undefined;
  if (caller.role === 'admin') return db.select({ id: leases.id }).from(leases).where(and(eq(leases.agencyId, caller.agencyId), onlyStatus));
  return db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(leaseScope(caller), onlyStatus));
}

/** Rent due for a period vs money collected in that calendar month (Nairobi), for the caller's leases. */
export async function getCollectionSummary(db: DbOrTx, { caller, period }: { caller: Caller; period: string }) {
  const { from, to } = periodBounds(period);
  const [[due], [collected], [active]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges)
      .where(and(eq(charges.kind, 'rent'), eq(charges.period, period), sql`${charges.leaseId} in (${callerLeaseIds(db, caller)})`)),
    db.select({ total: sum(payments.amountCents) }).from(payments)
      .where(and(eq(payments.agencyId, caller.agencyId), eq(payments.status, 'completed'), gte(payments.paidAt, from), lt(payments.paidAt, to), sql`${payments.leaseId} in (${callerLeaseIds(db, caller)})`)),
    db.select({ n: count() }).from(callerLeaseIds(db, caller, { status: 'active' }).as('active_leases')),
  ]);
  return { dueCents: Number(due?.total ?? 0), collectedCents: Number(collected?.total ?? 0), activeLeases: active?.n ?? 0 };
}
