import { and, eq, type SQL } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import { leases, properties } from '../schema';

/**
 * The rows of agency data a caller may see (invariant 6), as a condition for queries that join
 * leases → units → properties. Derived from the server-side caller only, never from request fields.
 */
export function leaseScope(caller: Caller): SQL {
  switch (caller.role) {
    case 'admin':
      return eq(leases.agencyId, caller.agencyId);
    case 'landlord':
      return and(eq(leases.agencyId, caller.agencyId), eq(properties.landlordId, caller.id))!;
    case 'tenant':
      return and(eq(leases.agencyId, caller.agencyId), eq(leases.tenantId, caller.id))!;
  }
}

/** Properties a caller may see: all of the agency's for an admin, their own for a landlord, none for a tenant. */
export function propertyScope(caller: Caller): SQL {
  switch (caller.role) {
    case 'admin':
      return eq(properties.agencyId, caller.agencyId);
    case 'landlord':
      return and(eq(properties.agencyId, caller.agencyId), eq(properties.landlordId, caller.id))!;
    case 'tenant':
      // Tenants see properties only through their lease.
      return and(eq(properties.agencyId, caller.agencyId), eq(properties.id, '00000000-0000-0000-0000-000000000000'))!;
  }
}
