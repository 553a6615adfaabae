/**
 * The one place a lease's paybill account reference is made: `<PROPERTY CODE>-<UNIT LABEL>`, upper case, e.g.
 * `KH-A1` — what a tenant types as "Account no." and what an STK push carries as AccountReference (at most 12
 * characters, which the property-code and unit-label rules guarantee). Unique per paybill (one paybill per
 * agency) among the leases in force; the reference is fixed when the lease is created, so renaming a property
 * never changes what a paying tenant types. Dependency-free: the local sandbox's demo world uses it too.
 */

export const ACCOUNT_REFERENCE_MAX = 12;

export function formatAccountReference({ propertyCode, unitLabel }: { propertyCode: string; unitLabel: string }): string {
  return `${propertyCode}-${unitLabel}`.toUpperCase().replace(/\s+/g, '');
}
