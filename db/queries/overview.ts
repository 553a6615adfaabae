import { and, count, countDistinct, desc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { periodBounds } from '@/lib/ledger/rent-period';
import type { DbOrTx } from '../client';
import { charges, leases, payments, properties, units, users } from '../schema';
import { leaseScope, propertyScope } from './scope';

const tenant = alias(users, 'tenant');

// Correlated sums keep "what is owed" derived from the ledger rather than stored beside it.
// Charges net of their credit notes (waivers), like the ledger's balance.
const chargedSql = sql<number>`(coalesce((select sum(c.amount_cents) from ${charges} c where c.lease_id = "leases"."id"), 0)
  - coalesce((select sum(n.amount_cents) from credit_notes n where n.lease_id = "leases"."id"), 0))`.mapWith(Number);
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
      occupiedCount: sql<number>`count(distinct ${leases.unitId}) filter (where ${leases.status} in ('active', 'notice'))`.mapWith(Number),
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
  const { from, to } = periodBounds(period);
  const leaseIds = db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId)).where(leaseScope(caller));
  const [[due], [collected], [active]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges).where(and(eq(charges.kind, 'rent'), eq(charges.period, period), sql`${charges.leaseId} in (${leaseIds})`)),
    db.select({ total: sum(payments.amountCents) }).from(payments)
      .where(and(eq(payments.status, 'completed'), gte(payments.paidAt, from), lt(payments.paidAt, to), sql`${payments.leaseId} in (${leaseIds})`)),
    db.select({ n: count() }).from(leases).innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId))
      .where(and(leaseScope(caller), eq(leases.status, 'active'))),
  ]);
  return { dueCents: Number(due?.total ?? 0), collectedCents: Number(collected?.total ?? 0), activeLeases: active?.n ?? 0 };
}
