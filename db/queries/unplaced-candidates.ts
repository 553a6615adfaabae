import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { leases, properties, units, users } from '../schema';

/**
 * The leases an unplaced payment could belong to (the agency's leases that can be paid), with what ranking needs:
 * the tenant's phone, the account number, the rent and what is owed now (charges less credit notes less payments
 * without a correction, as the ledger counts them).
 */
export async function listCandidateLeases(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const due = sql<number>`(
    coalesce((select sum(c.amount_cents) from charges c where c.lease_id = ${leases.id}), 0)
    - coalesce((select sum(n.amount_cents) from credit_notes n where n.lease_id = ${leases.id}), 0)
    - coalesce((select sum(p.amount_cents) from payments p where p.lease_id = ${leases.id} and p.status = 'completed'), 0)
  )`.mapWith(Number);
  return db
    .select({
      id: leases.id,
      accountReference: leases.accountReference,
      monthlyRentCents: leases.monthlyRentCents,
      tenantName: users.name,
      tenantPhone: users.phone,
      unitLabel: units.label,
      propertyName: properties.name,
      balanceCents: due,
    })
    .from(leases)
    .innerJoin(users, eq(users.id, leases.tenantId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(eq(leases.agencyId, agencyId), inArray(leases.status, ['active', 'notice'])))
    .orderBy(properties.name, units.label);
}

export type CandidateLease = Awaited<ReturnType<typeof listCandidateLeases>>[number];
