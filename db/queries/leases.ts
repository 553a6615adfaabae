import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { candidateAccountKeys, pickAccountMatch } from '@/lib/leases/account-reference';
import { afterCursor, decodeCursor, likePattern, toPage, type Page } from '@/lib/pagination/cursor';
import type { DbOrTx, Tx } from '../client';
import { agencies, leaseRentChanges, leases, properties, units, users, type LeaseStatus } from '../schema';
import { leaseScope } from './scope';

const tenant = alias(users, 'tenant');
const landlord = alias(users, 'landlord');

const leaseColumns = {
  id: leases.id,
  agencyId: leases.agencyId,
  status: leases.status,
  monthlyRentCents: leases.monthlyRentCents,
  depositCents: leases.depositCents,
  dueDay: leases.dueDay,
  billingDay: leases.billingDay,
  startDate: leases.startDate,
  endDate: leases.endDate,
  accountReference: leases.accountReference,
  nextRentChargeAt: leases.nextRentChargeAt,
  activatedAt: leases.activatedAt,
  noticeGivenAt: leases.noticeGivenAt,
  endedAt: leases.endedAt,
  endReason: leases.endReason,
  createdAt: leases.createdAt,
  unitId: units.id,
  unitLabel: units.label,
  propertyId: properties.id,
  propertyName: properties.name,
  propertyCode: properties.code,
  propertyLocation: properties.location,
  tenantId: tenant.id,
  tenantName: tenant.name,
  tenantEmail: tenant.email,
  tenantPhone: tenant.phone,
  landlordId: landlord.id,
  landlordName: landlord.name,
  paybillShortcode: agencies.paybillShortcode,
};

function scopedLeases(db: DbOrTx) {
  return db
    .select(leaseColumns)
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId))
    .innerJoin(landlord, eq(landlord.id, properties.landlordId))
    .innerJoin(agencies, eq(agencies.id, leases.agencyId));
}

export type LeaseView = Awaited<ReturnType<typeof listLeasesForCaller>>[number];

export async function listLeasesForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  return scopedLeases(db).where(leaseScope(caller)).orderBy(asc(properties.name), asc(units.label));
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** A lease the caller may see, or null — the same answer whether it does not exist or is someone else's. */
export async function getLeaseForCaller(db: DbOrTx, { caller, leaseId }: { caller: Caller; leaseId: string }) {
  if (!isUuid(leaseId)) return null;
  const [row] = await scopedLeases(db).where(and(eq(leases.id, leaseId), leaseScope(caller))).limit(1);
  return row ?? null;
}

/**
 * The lease the caller may see whose account number is `accountReference`, read as a tenant's typed paybill account
 * is (case, spaces, dashes, zero padding and a left-off check letter do not matter; a wrong check letter matches
 * nothing; a lease in force wins over an ended one). Null when none, or when two different leases could be meant.
 */
export async function findLeaseByAccountReferenceForCaller(db: DbOrTx, { caller, accountReference }: { caller: Caller; accountReference: string }) {
  const keys = candidateAccountKeys(accountReference);
  if (keys.length === 0) return null;
  const rows = await db
    .select({ id: leases.id, status: leases.status, accountKey: leases.accountKey })
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(leaseScope(caller), inArray(leases.accountKey, keys)))
    .orderBy(asc(leases.createdAt))
    .limit(50);
  const match = pickAccountMatch(accountReference, rows.map((r) => ({ ...r, inForce: r.status === 'active' || r.status === 'notice' })));
  return match ? getLeaseForCaller(db, { caller, leaseId: match.id }) : null;
}

/** The same, locked for a change by staff (admins; landlords on their own properties). Tenants get null. */
export async function lockLeaseForStaff(tx: Tx, { caller, leaseId }: { caller: Caller; leaseId: string }) {
  if (caller.role === 'tenant' || !isUuid(leaseId)) return null;
  const visible = await getLeaseForCaller(tx, { caller, leaseId });
  if (!visible) return null;
  const [row] = await tx.select().from(leases).where(eq(leases.id, leaseId)).for('update').limit(1);
  return row ? { ...row, view: visible } : null;
}

/** A page of the caller's leases, searchable by tenant, unit, property or account number, and by status. */
export async function listLeasesPage(
  db: DbOrTx,
  { caller, search, status, after, limit = 25 }: { caller: Caller; search?: string; status?: LeaseStatus; after?: string; limit?: number },
): Promise<Page<LeaseView>> {
  const pattern = likePattern(search);
  const sortKey = sql<string>`${properties.name} || ' ' || ${units.label}`;
  const rows = await scopedLeases(db)
    .where(and(
      leaseScope(caller),
      // Each joined row's own agency too, so the planner reads the agency's rows by index instead of scanning all.
      eq(units.agencyId, caller.agencyId),
      eq(tenant.agencyId, caller.agencyId),
      status ? eq(leases.status, status) : undefined,
      pattern ? or(ilike(tenant.name, pattern), ilike(units.label, pattern), ilike(properties.name, pattern), ilike(leases.accountReference, pattern), ilike(tenant.phone, pattern)) : undefined,
      afterCursor(sortKey, leases.id, decodeCursor(after)),
    ))
    .orderBy(sortKey, asc(leases.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [`${r.propertyName} ${r.unitLabel}`, r.id]);
}

export type NewLease = typeof leases.$inferInsert;

export async function insertLease(tx: Tx, lease: NewLease) {
  const [row] = await tx.insert(leases).values(lease).returning();
  return row!;
}

export async function updateLease(tx: Tx, { leaseId, set }: { leaseId: string; set: Partial<NewLease> }) {
  const [row] = await tx.update(leases).set({ ...set, updatedAt: new Date() }).where(eq(leases.id, leaseId)).returning();
  return row!;
}

/** Leases of a tenant that the caller may see, newest first. */
export async function listTenantLeasesForCaller(db: DbOrTx, { caller, tenantId }: { caller: Caller; tenantId: string }) {
  return scopedLeases(db).where(and(leaseScope(caller), eq(leases.tenantId, tenantId))).orderBy(sql`${leases.startDate} desc`);
}

export async function countLiveLeasesOnUnits(db: DbOrTx, { unitIds }: { unitIds: string[] }): Promise<number> {
  if (unitIds.length === 0) return 0;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(leases).where(and(inArray(leases.unitId, unitIds), inArray(leases.status, ['active', 'notice'])));
  return Number(row?.n ?? 0);
}

export async function insertRentChange(tx: Tx, row: typeof leaseRentChanges.$inferInsert) {
  const [inserted] = await tx.insert(leaseRentChanges).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function listRentChangesOfLease(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(leaseRentChanges).where(eq(leaseRentChanges.leaseId, leaseId)).orderBy(asc(leaseRentChanges.effectivePeriod));
}

/** A lease with its tenant's phone on file: what a tenant's "I paid" claim is checked against. */
export async function getLeaseWithTenantPhone(db: DbOrTx, { leaseId }: { leaseId: string }) {
  const [row] = await db
    .select({ id: leases.id, agencyId: leases.agencyId, status: leases.status, tenantPhone: users.phone })
    .from(leases)
    .innerJoin(users, eq(users.id, leases.tenantId))
    .where(eq(leases.id, leaseId))
    .limit(1);
  return row ?? null;
}
