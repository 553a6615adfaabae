import { and, count, countDistinct, desc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { charges, leases, payments, properties, units, users } from '../schema';
import { leaseScope, propertyScope } from './scope';

const tenant = alias(users, 'tenant');

// Correlated sums keep "what is owed" derived from the ledger rather than stored beside it.
const chargedSql = sql<number>`coalesce((select sum(c.amount_cents) from ${charges} c where c.lease_id = "leases"."id"), 0)`.mapWith(Number);
const paidSql = sql<number>`coalesce((select sum(p.amount_cents) from ${payments} p where p.lease_id = "leases"."id" and p.status = 'completed'), 0)`.mapWith(Number);

/** Every lease the caller may see with what it owes (negative = credit). */
export async function listLeaseBalancesForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  const rows = await db
    .select({
      leaseId: leases.id, status: leases.status, accountReference: leases.accountReference, monthlyRentCents: leases.monthlyRentCents,
      dueDay: leases.dueDay, unitLabel: units.label, propertyName: properties.name, tenantName: tenant.name, tenantPhone: tenant.phone,
      chargedCents: chargedSql, paidCents: paidSql,
    })
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId))
    .where(leaseScope(caller))
    .orderBy(properties.name, units.label);
  return rows.map((r) => ({ ...r, balanceCents: r.chargedCents - r.paidCents }));
}

export async function listPropertiesForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  return db
    .select({
      id: properties.id, name: properties.name, location: properties.location,
      unitCount: countDistinct(units.id),
      occupiedCount: sql<number>`count(distinct ${leases.unitId}) filter (where ${leases.status} = 'active')`.mapWith(Number),
    })
    .from(properties)
    .leftJoin(units, eq(units.propertyId, properties.id))
    .leftJoin(leases, eq(leases.unitId, units.id))
    .where(propertyScope(caller))
    .groupBy(properties.id)
    .orderBy(properties.name);
}

export async function listRecentPaymentsForCaller(db: DbOrTx, { caller, limit = 10 }: { caller: Caller; limit?: number }) {
  return db
    .select({
      id: payments.id, amountCents: payments.amountCents, method: payments.method, receipt: payments.mpesaReceiptNumber, paidAt: payments.paidAt,
      status: payments.status, leaseId: leases.id, unitLabel: units.label, propertyName: properties.name, tenantName: tenant.name,
    })
    .from(payments)
    .innerJoin(leases, eq(leases.id, payments.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId))
    .where(leaseScope(caller))
    .orderBy(desc(payments.paidAt))
    .limit(limit);
}

/** Rent due for a period vs money collected in that calendar month (Nairobi), for the caller's leases. */
export async function getCollectionSummary(db: DbOrTx, { caller, period }: { caller: Caller; period: string }) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  // Nairobi is UTC+3 all year: the month starts at 21:00 UTC on the last day of the previous month.
  const from = new Date(Date.UTC(y, m - 1, 1) - 3 * 3600_000);
  const to = new Date(Date.UTC(y, m, 1) - 3 * 3600_000);
  const scopedLeases = (q: ReturnType<typeof baseJoin>) => q.where(leaseScope(caller));
  function baseJoin() {
    return db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId));
  }
  const leaseIds = scopedLeases(baseJoin());
  const [[due], [collected], [active]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges).where(and(eq(charges.kind, 'rent'), eq(charges.period, period), sql`${charges.leaseId} in (${leaseIds})`)),
    db.select({ total: sum(payments.amountCents) }).from(payments)
      .where(and(eq(payments.status, 'completed'), gte(payments.paidAt, from), lt(payments.paidAt, to), sql`${payments.leaseId} in (${leaseIds})`)),
    db.select({ n: count() }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId))
      .where(and(leaseScope(caller), eq(leases.status, 'active'))),
  ]);
  return { dueCents: Number(due?.total ?? 0), collectedCents: Number(collected?.total ?? 0), activeLeases: active?.n ?? 0 };
}

/** The current rent period, `YYYY-MM`, in Nairobi. */
export function currentPeriod(now: Date = new Date()): string {
  const nairobi = new Date(now.getTime() + 3 * 3600_000);
  return `${nairobi.getUTCFullYear()}-${String(nairobi.getUTCMonth() + 1).padStart(2, '0')}`;
}
