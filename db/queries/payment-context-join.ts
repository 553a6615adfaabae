import { eq } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { leases, payments, properties, units, users } from '../schema';

/** The tenant of a payment's lease, for the fields of a joinPaymentContext query. */
export const leaseTenant = alias(users, 'tenant');

/**
 * Joins to a select from payments (`db.select(fields).from(payments).$dynamic()`) where each payment belongs: its
 * lease, the lease's unit, the unit's property and the lease's tenant (`leaseTenant`). For the lists and pages that
 * show a payment beside them: the console's search and export, the overview's recent payments, a payment's timeline.
 * The caller picks the fields and adds its own scope and order. Every payment has all four (non-null keys), so the
 * inner joins drop none. Dynamic, because a builder's type cannot be joined to while its fields are generic.
 */
export function joinPaymentContext<Q extends PgSelect>(query: Q) {
  return query
    .innerJoin(leases, eq(leases.id, payments.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(leaseTenant, eq(leaseTenant.id, leases.tenantId));
}
