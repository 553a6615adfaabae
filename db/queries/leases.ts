import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { agencies, leases, properties, units, users } from '../schema';
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
  startDate: leases.startDate,
  endDate: leases.endDate,
  accountReference: leases.accountReference,
  unitId: units.id,
  unitLabel: units.label,
  propertyId: properties.id,
  propertyName: properties.name,
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

/** A lease the caller may see, or null — the same answer whether it does not exist or is someone else's. */
export async function getLeaseForCaller(db: DbOrTx, { caller, leaseId }: { caller: Caller; leaseId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(leaseId)) return null;
  const [row] = await scopedLeases(db).where(and(eq(leases.id, leaseId), leaseScope(caller))).limit(1);
  return row ?? null;
}
