import { and, eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { charges, creditNotes, payments } from '../schema';

/**
 * What leases owe, derived from the ledger rather than stored beside it: per lease, charges net of their credit notes
 * (waivers) minus completed payments, as getLeaseBalance counts them.
 *
 * `ledgerEntries` is every such amount of one agency as one row each (charged: + charge, − credit note; paid:
 * + payment). Left-join it on the lease id, group by the lease and select `ledgerSums`: for a few leases Postgres
 * probes the (agency_id, lease_id) INCLUDE (amount_cents) indexes per lease; for a whole agency it reads those
 * indexes once and hashes. (A grouped subquery per table instead is re-run per lease whenever the planner guesses
 * few leases, as it does for a landlord.)
 */
function ledgerEntries(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const zero = sql<number>`0::bigint`;
  return unionAll(
    db.select({ leaseId: charges.leaseId, charged: sql<number>`${charges.amountCents}`.as('charged'), paid: zero.as('paid') }).from(charges)
      .where(eq(charges.agencyId, agencyId)),
    db.select({ leaseId: creditNotes.leaseId, charged: sql<number>`-${creditNotes.amountCents}`.as('charged'), paid: zero.as('paid') }).from(creditNotes)
      .where(eq(creditNotes.agencyId, agencyId)),
    db.select({ leaseId: payments.leaseId, charged: zero.as('charged'), paid: sql<number>`${payments.amountCents}`.as('paid') }).from(payments)
      .where(and(eq(payments.agencyId, agencyId), eq(payments.status, 'completed'))),
  ).as('ledger_entries');
}

/** Per lease of the agency: what was charged (net of credit notes) and paid; left-join on the lease id. */
export function ledgerSums(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const entries = ledgerEntries(db, { agencyId });
  return db
    .select({
      leaseId: entries.leaseId,
      chargedCents: sql<number>`sum(${entries.charged})`.as('charged_cents'),
      paidCents: sql<number>`sum(${entries.paid})`.as('paid_cents'),
    })
    .from(entries)
    .groupBy(entries.leaseId)
    .as('ledger_sums');
}
