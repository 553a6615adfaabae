import { and, eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { charges, creditNotes, payments } from '../schema';

/**
 * What leases owe, derived from the ledger rather than stored beside it: per lease, charges net of their credit notes
 * (waivers) minus completed payments, as getLeaseBalance counts them.
 *
 * `ledgerSums` is one grouped sum per lease over every such amount of one agency (charged: + charge, − credit note;
 * paid: + payment), read from the (agency_id, lease_id) INCLUDE (amount_cents) indexes alone: left-join it on the
 * lease id. Postgres aggregates once and hashes, instead of running three correlated sums per lease. It reads the
 * whole agency's entries even for a landlord's few leases: bounded by the agency, and cheaper than the per-lease
 * plans the planner picks when it expects few leases.
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
