import { and, eq, ilike, inArray, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { normalizeAccountText } from '@/lib/leases/account-reference';
import { likePattern } from '@/lib/pagination/cursor';
import type { DbOrTx } from '../client';
import { leases, properties, units } from '../schema';
import { leaseTenant as tenant } from './payment-context-join';
import { leaseScope } from './scope';

/**
 * Leases in the caller's scope whose tenant name, account reference, unit or "property unit" contains the text
 * (the payment search's words reading). Each field is its own arm of a UNION so that each reads its trigram index
 * (migration 0021) and the agency's leases are never all read: an OR across four joined tables cannot use any
 * index, and cost 8 ms per search for an agency of 800 leases (issue #16, page bench `/payments?q=amount`).
 *
 * "Sunrise A4" matches the property and the unit together. Text without a space cannot straddle the space between
 * them, so it matches "name label" exactly when it matches the name or the label alone — two indexed arms; only
 * text with a space needs the joined string, read over the agency's units.
 */
export async function listLeasesMatchingText(db: DbOrTx, { caller, text, limit }: { caller: Caller; text: string; limit: number }): Promise<string[]> {
  const pattern = likePattern(text);
  if (!pattern) return [];
  const key = normalizeAccountText(text);
  const agencyId = caller.agencyId;
  const leaseIds = () => db.select({ id: leases.id }).from(leases);
  const byPlace = () => leaseIds().innerJoin(units, eq(units.id, leases.unitId)).innerJoin(properties, eq(properties.id, units.propertyId));
  const arms = [
    leaseIds().where(and(eq(leases.agencyId, agencyId), ilike(leases.accountReference, pattern))),
    leaseIds().innerJoin(tenant, eq(tenant.id, leases.tenantId)).where(and(eq(tenant.agencyId, agencyId), ilike(tenant.name, pattern))),
    ...(key ? [leaseIds().where(and(eq(leases.agencyId, agencyId), eq(leases.accountKey, key)))] : []),
    ...(pattern.includes(' ')
      ? [byPlace().where(and(eq(units.agencyId, agencyId), ilike(sql`${properties.name} || ' ' || ${units.label}`, pattern)))]
      : [
          byPlace().where(and(eq(properties.agencyId, agencyId), ilike(properties.name, pattern))),
          byPlace().where(and(eq(units.agencyId, agencyId), ilike(units.label, pattern))),
        ]),
  ];
  const [first, second, ...rest] = arms;
  const matching = union(first!, second!, ...rest);
  const rows = await db
    .select({ id: leases.id })
    .from(leases)
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(leaseScope(caller), inArray(leases.id, matching)))
    .limit(limit);
  return rows.map((r) => r.id);
}
