import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { leaseLedgerTotals } from '../schema';

/**
 * What leases owe: per lease, charges net of their credit notes (waivers) minus completed payments, as
 * getLeaseBalance counts them. Read from lease_ledger_totals, which the database keeps equal to the ledger in the
 * transaction of every write to it (migration 0017; tests/integration/lease-ledger-totals.test.ts compares it with a
 * full recompute), so an overview reads one row per lease instead of summing the agency's whole history.
 *
 * `ledgerSums` is a subquery of one agency's totals: left-join it on the lease id (a lease with no entry has no row).
 */
export function ledgerSums(db: DbOrTx, { agencyId }: { agencyId: string }) {
  return db
    .select({
      leaseId: leaseLedgerTotals.leaseId,
      chargedCents: sql<number>`${leaseLedgerTotals.chargedCents}`.as('charged_cents'),
      paidCents: sql<number>`${leaseLedgerTotals.paidCents}`.as('paid_cents'),
    })
    .from(leaseLedgerTotals)
    .where(eq(leaseLedgerTotals.agencyId, agencyId))
    .as('ledger_sums');
}
