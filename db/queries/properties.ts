import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { afterCursor, decodeCursor, likePattern, toPage, type Page } from '@/lib/pagination/cursor';
import type { DbOrTx, Tx } from '../client';
import { leases, properties, units, users, type UnitStatus } from '../schema';
import { propertyScope } from './scope';

/** Properties and units, always scoped by the caller (admins: the agency; landlords: their own; tenants: none). */

const landlord = alias(users, 'property_landlord');

const occupied = sql<number>`(select count(*) from units u2 where u2.property_id = "properties"."id" and u2.status = 'let')::int`.mapWith(Number);
const unitCount = sql<number>`(select count(*) from units u3 where u3.property_id = "properties"."id")::int`.mapWith(Number);
const unavailable = sql<number>`(select count(*) from units u4 where u4.property_id = "properties"."id" and u4.status = 'unavailable')::int`.mapWith(Number);

const propertyColumns = {
  id: properties.id, agencyId: properties.agencyId, name: properties.name, location: properties.location, code: properties.code,
  commissionBps: properties.commissionBps, archivedAt: properties.archivedAt, landlordId: properties.landlordId, landlordName: landlord.name,
  unitCount, occupiedCount: occupied, unavailableCount: unavailable,
};

function scoped(db: DbOrTx) {
  return db.select(propertyColumns).from(properties).innerJoin(landlord, eq(landlord.id, properties.landlordId));
}

export type PropertyView = Awaited<ReturnType<typeof getPropertyForCaller>> & object;

export async function listPropertiesPage(
  db: DbOrTx,
  { caller, search, after, includeArchived = false, limit = 25 }: { caller: Caller; search?: string; after?: string; includeArchived?: boolean; limit?: number },
): Promise<Page<NonNullable<PropertyView>>> {
  const pattern = likePattern(search);
  const rows = await scoped(db)
    .where(and(
      propertyScope(caller),
      includeArchived ? undefined : isNull(properties.archivedAt),
      pattern ? or(ilike(properties.name, pattern), ilike(properties.code, pattern), ilike(properties.location, pattern), ilike(landlord.name, pattern)) : undefined,
      afterCursor(properties.name, properties.id, decodeCursor(after)),
    ))
    .orderBy(asc(properties.name), asc(properties.id)).limit(limit + 1);
  return toPage(rows, limit, (r) => [r.name, r.id]);
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function getPropertyForCaller(db: DbOrTx, { caller, propertyId }: { caller: Caller; propertyId: string }) {
  if (!isUuid(propertyId)) return null;
  const [row] = await scoped(db).where(and(eq(properties.id, propertyId), propertyScope(caller))).limit(1);
  return row ?? null;
}

export async function lockPropertyForCaller(tx: Tx, { caller, propertyId }: { caller: Caller; propertyId: string }) {
  const visible = await getPropertyForCaller(tx, { caller, propertyId });
  if (!visible) return null;
  await tx.select({ id: properties.id }).from(properties).where(eq(properties.id, propertyId)).for('update');
  return visible;
}

export async function findPropertyByCode(db: DbOrTx, { agencyId, code }: { agencyId: string; code: string }) {
  const [row] = await db.select({ id: properties.id, name: properties.name }).from(properties)
    .where(and(eq(properties.agencyId, agencyId), sql`upper(${properties.code}) = upper(${code})`)).limit(1);
  return row ?? null;
}

export async function insertProperty(tx: Tx, row: typeof properties.$inferInsert) {
  const [inserted] = await tx.insert(properties).values(row).returning();
  return inserted!;
}

export async function updateProperty(tx: Tx, { propertyId, set }: { propertyId: string; set: Partial<typeof properties.$inferInsert> }) {
  const [row] = await tx.update(properties).set({ ...set, updatedAt: new Date() }).where(eq(properties.id, propertyId)).returning();
  return row!;
}

const liveLease = sql<string | null>`(select l.id from leases l where l.unit_id = "units"."id" and l.status in ('active', 'notice') limit 1)`;
const liveTenant = sql<string | null>`(select u.name from leases l join users u on u.id = l.tenant_id where l.unit_id = "units"."id" and l.status in ('active', 'notice') limit 1)`;

export async function listUnitsOfProperty(db: DbOrTx, { propertyId }: { propertyId: string }) {
  return db.select({
    id: units.id, label: units.label, unitType: units.unitType, status: units.status, marketRentCents: units.marketRentCents, depositCents: units.depositCents,
    liveLeaseId: liveLease, tenantName: liveTenant,
  }).from(units).where(eq(units.propertyId, propertyId)).orderBy(sql`length(${units.label})`, asc(units.label));
}

export async function listUnitLabels(db: DbOrTx, { propertyId }: { propertyId: string }): Promise<string[]> {
  const rows = await db.select({ label: units.label }).from(units).where(eq(units.propertyId, propertyId));
  return rows.map((r) => r.label);
}

export async function insertUnits(tx: Tx, rows: (typeof units.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(units).values(rows).returning();
}

/** A unit the caller may manage, with its property, locked for a change. */
export async function lockUnitForCaller(tx: Tx, { caller, unitId }: { caller: Caller; unitId: string }) {
  if (!isUuid(unitId)) return null;
  const [row] = await tx
    .select({ unit: units, propertyCode: properties.code, propertyName: properties.name, propertyArchivedAt: properties.archivedAt, landlordId: properties.landlordId })
    .from(units).innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(eq(units.id, unitId), propertyScope(caller))).limit(1);
  if (!row) return null;
  await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).for('update');
  return row;
}

export async function setUnitStatus(tx: Tx, { unitId, status }: { unitId: string; status: UnitStatus }) {
  await tx.update(units).set({ status, updatedAt: new Date() }).where(eq(units.id, unitId));
}

export async function updateUnit(tx: Tx, { unitId, set }: { unitId: string; set: Partial<typeof units.$inferInsert> }) {
  const [row] = await tx.update(units).set({ ...set, updatedAt: new Date() }).where(eq(units.id, unitId)).returning();
  return row!;
}

/** Vacant units of the caller's active properties, for the new-lease form. */
export async function listVacantUnitsForCaller(db: DbOrTx, { caller }: { caller: Caller }) {
  return db.select({ id: units.id, label: units.label, propertyName: properties.name, propertyCode: properties.code, marketRentCents: units.marketRentCents, depositCents: units.depositCents })
    .from(units).innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(propertyScope(caller), isNull(properties.archivedAt), eq(units.status, 'vacant')))
    .orderBy(asc(properties.name), sql`length(${units.label})`, asc(units.label));
}

export async function hasLiveLeases(db: DbOrTx, { propertyId }: { propertyId: string }): Promise<boolean> {
  const [row] = await db.select({ id: leases.id }).from(leases).innerJoin(units, eq(units.id, leases.unitId))
    .where(and(eq(units.propertyId, propertyId), sql`${leases.status} in ('active', 'notice', 'draft')`)).limit(1);
  return !!row;
}

export async function listLandlords(db: DbOrTx, { agencyId }: { agencyId: string }) {
  return db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.agencyId, agencyId), eq(users.role, 'landlord'))).orderBy(asc(users.name));
}
