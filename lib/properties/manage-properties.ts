import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import {
  findPropertyByCode, getPropertyForCaller, hasLiveLeases, insertProperty, insertUnits, listUnitLabels, lockPropertyForCaller, lockUnitForCaller, updateProperty, updateUnit,
} from '@/db/queries/properties';
import { getUserById } from '@/db/queries/users';
import type { UnitStatus, UnitType } from '@/db/schema/properties';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { fieldError } from '@/lib/validation/form-fields';
import type { PropertyInput } from './property-input';
import { parseUnitRange } from './unit-range';

/**
 * The portfolio: admins manage every property of the agency (and choose its landlord), landlords their own.
 * Every change is audited; a unit's `let` status belongs to the lease lifecycle and cannot be set by hand.
 */

function requireStaff(caller: Caller) {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
}

async function resolveLandlord(db: Db, caller: Caller, landlordId: string | undefined): Promise<string> {
  if (caller.role === 'landlord') return caller.id;
  if (!landlordId) throw fieldError('landlordId', 'Choose the landlord who owns it');
  const landlord = await getUserById(db, { userId: landlordId });
  if (!landlord || landlord.agencyId !== caller.agencyId || landlord.role !== 'landlord') throw fieldError('landlordId', 'Choose one of the agency’s landlords');
  return landlord.id;
}

export async function createProperty(db: Db, { caller, input }: { caller: Caller; input: PropertyInput }) {
  requireStaff(caller);
  const landlordId = await resolveLandlord(db, caller, input.landlordId);
  return db.transaction(async (tx) => {
    const clash = await findPropertyByCode(tx, { agencyId: caller.agencyId, code: input.code });
    if (clash) throw fieldError('code', `${clash.name} already uses the code ${input.code}`);
    const property = await insertProperty(tx, {
      agencyId: caller.agencyId, landlordId, name: input.name, location: input.location, code: input.code, commissionBps: input.commissionPercent,
    });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'property.created', targetType: 'property', targetId: property.id, details: { ...input, landlordId } });
    return property;
  });
}

export async function editProperty(db: Db, { caller, propertyId, input }: { caller: Caller; propertyId: string; input: PropertyInput }) {
  requireStaff(caller);
  // Scope first: someone else's property is "not found", whatever the form says.
  if (!(await getPropertyForCaller(db, { caller, propertyId }))) throw notFound('That property');
  const landlordId = await resolveLandlord(db, caller, input.landlordId);
  return db.transaction(async (tx) => {
    const before = await lockPropertyForCaller(tx, { caller, propertyId });
    if (!before) throw notFound('That property');
    const clash = await findPropertyByCode(tx, { agencyId: caller.agencyId, code: input.code });
    if (clash && clash.id !== propertyId) throw fieldError('code', `${clash.name} already uses the code ${input.code}`);
    // Commission is the agency's term: a landlord cannot change their own.
    const commissionBps = caller.role === 'admin' ? input.commissionPercent : before.commissionBps;
    const after = await updateProperty(tx, { propertyId, set: { name: input.name, location: input.location, code: input.code, commissionBps, landlordId } });
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'property.updated', targetType: 'property', targetId: propertyId,
      details: { before: { name: before.name, location: before.location, code: before.code, commissionBps: before.commissionBps, landlordId: before.landlordId }, after: { name: after.name, location: after.location, code: after.code, commissionBps, landlordId } },
    });
    return after;
  });
}

export async function archiveProperty(db: Db, { caller, propertyId, archived }: { caller: Caller; propertyId: string; archived: boolean }) {
  requireStaff(caller);
  return db.transaction(async (tx) => {
    const property = await lockPropertyForCaller(tx, { caller, propertyId });
    if (!property) throw notFound('That property');
    if (archived && (await hasLiveLeases(tx, { propertyId }))) throw new AppError('conflict', 'End or discard its leases before archiving this property');
    const row = await updateProperty(tx, { propertyId, set: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: archived ? 'property.archived' : 'property.restored', targetType: 'property', targetId: propertyId });
    return row;
  });
}

export async function addUnits(
  db: Db,
  { caller, propertyId, input }: { caller: Caller; propertyId: string; input: { labels: string; unitType: UnitType; rent: number; deposit: number } },
) {
  requireStaff(caller);
  const parsed = parseUnitRange(input.labels);
  if (!parsed.ok) throw fieldError('labels', parsed.message);
  return db.transaction(async (tx) => {
    const property = await lockPropertyForCaller(tx, { caller, propertyId });
    if (!property) throw notFound('That property');
    if (property.archivedAt) throw new AppError('conflict', 'This property is archived');
    const existing = new Set(await listUnitLabels(tx, { propertyId }));
    const taken = parsed.labels.filter((l) => existing.has(l));
    if (taken.length) throw fieldError('labels', `Already there: ${taken.slice(0, 5).join(', ')}${taken.length > 5 ? '…' : ''}`);
    const rows = await insertUnits(tx, parsed.labels.map((label) => ({
      agencyId: caller.agencyId, propertyId, label, unitType: input.unitType, marketRentCents: input.rent, depositCents: input.deposit, status: 'vacant' as const,
    })));
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'units.added', targetType: 'property', targetId: propertyId, details: { labels: parsed.labels, unitType: input.unitType, rentCents: input.rent, depositCents: input.deposit } });
    return rows;
  });
}

export async function editUnit(
  db: Db,
  { caller, unitId, input }: { caller: Caller; unitId: string; input: { unitType: UnitType; rent: number; deposit: number; status: UnitStatus } },
) {
  requireStaff(caller);
  return db.transaction(async (tx) => {
    const found = await lockUnitForCaller(tx, { caller, unitId });
    if (!found) throw notFound('That unit');
    const before = found.unit;
    // `let` follows the leases: it is set by activating a lease and cleared by ending it.
    if (input.status !== before.status && (input.status === 'let' || before.status === 'let')) {
      throw fieldError('status', before.status === 'let' ? 'This unit is let: end its lease to make it vacant' : 'A unit becomes let when a lease on it is activated');
    }
    const after = await updateUnit(tx, { unitId, set: { unitType: input.unitType, marketRentCents: input.rent, depositCents: input.deposit, status: input.status } });
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'unit.updated', targetType: 'unit', targetId: unitId,
      details: { before: { unitType: before.unitType, rentCents: before.marketRentCents, depositCents: before.depositCents, status: before.status }, after: input },
    });
    return after;
  });
}
