import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';

/**
 * Per lease, the ledger's running totals: what was charged net of credit notes, and the completed payments. Never
 * written by the application: statement-level triggers on charges, credit_notes and payments (migration
 * 0017_lease_ledger_totals) add each statement's change in the same transaction, so the totals are equal to the
 * ledger at every commit, whatever code path wrote it — and the ledger stays the truth: the triggers only sum it,
 * and tests/integration/lease-ledger-totals.test.ts checks them against a full recompute after random writes.
 *
 * It lets the overviews rank and total the leases that owe from one row per lease instead of summing an agency's
 * whole history on every request. A lease with no entry yet has no row (it owes nothing).
 */
export const leaseLedgerTotals = pgTable(
  'lease_ledger_totals',
  {
    leaseId: uuid('lease_id').primaryKey().references(() => leases.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    chargedCents: bigint('charged_cents', { mode: 'number' }).notNull().default(0),
    paidCents: bigint('paid_cents', { mode: 'number' }).notNull().default(0),
    balanceCents: bigint('balance_cents', { mode: 'number' }).notNull().generatedAlwaysAs(sql`charged_cents - paid_cents`),
  },
  // The arrears list: an agency's owing leases, largest debt first, keyset on (balance, lease id).
  (t) => [index('lease_ledger_totals_owing_idx').on(t.agencyId, t.balanceCents.desc().nullsFirst(), t.leaseId.desc().nullsFirst()).where(sql`balance_cents > 0`)],
);
