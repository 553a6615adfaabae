import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { leases, properties, units, users } from '../schema';
import { ledgerSums } from './lease-ledger-sums';

/**
 * The leases an unplaced payment could belong to (the agency's leases that can be paid), with what ranking needs:
 * the tenant's phone, the account number, the rent and what is owed now (charges less credit notes less payments
 * without a correction, as the ledger counts them).
 */
export async function listCandidateLeases(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const sums = ledgerSums(db, { agencyId });
  return db
    .select({
      id: leases.id,
      accountReference: leases.accountReference,
      monthlyRentCents: leases.monthlyRentCents,
      tenantName: users.name,
      tenantPhone: users.phone,
      unitLabel: units.label,
      propertyName: properties.name,
      balanceCents: sql<number>`coalesce(${sums.chargedCents}, 0) - coalesce(${sums.paidCents}, 0)`.mapWith(Number),
    })
    .from(leases)
    .innerJoin(users, eq(users.id, leases.tenantId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .leftJoin(sums, eq(sums.leaseId, leases.id))
    .where(and(eq(leases.agencyId, agencyId), inArray(leases.status, ['active', 'notice'])))
    .orderBy(properties.name, units.label);
}

export type CandidateLease = Awaited<ReturnType<typeof listCandidateLeases>>[number];
