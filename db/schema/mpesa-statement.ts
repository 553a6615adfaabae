import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';

/**
 * M-Pesa's own statement of what came in (Pull Transactions, SPEC §9.5), the truth the books are reconciled against
 * (ARCHITECTURE invariant 7). Daraja does not retry callbacks: whatever they lost, the statement still lists.
 */

/** Where the reconciler stands for one paybill, and who is running it (a claim that expires with its holder). */
export const mpesaStatementCursors = pgTable('mpesa_statement_cursors', {
  shortcode: text('shortcode').primaryKey(),
  agencyId: uuid('agency_id').references(() => agencies.id),
  // Every payment up to here has been seen in a statement and put through the books.
  coveredUntil: timestamp('covered_until', { withTimezone: true }),
  runningUntil: timestamp('running_until', { withTimezone: true }),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  registeredAt: timestamp('registered_at', { withTimezone: true }),
  registrationStatus: text('registration_status'),
});

export const statementRunOutcomes = ['ok', 'empty', 'failed'] as const;
export type StatementRunOutcome = (typeof statementRunOutcomes)[number];

export const mpesaStatementRuns = pgTable(
  'mpesa_statement_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    shortcode: text('shortcode').notNull(),
    trigger: text('trigger').$type<'sweep' | 'admin'>().notNull(),
    windowFrom: timestamp('window_from', { withTimezone: true }).notNull(),
    windowTo: timestamp('window_to', { withTimezone: true }).notNull(),
    outcome: text('outcome').$type<StatementRunOutcome>(),
    rowsSeen: integer('rows_seen').notNull().default(0),
    rowsNew: integer('rows_new').notNull().default(0),
    receiptsClaimed: integer('receipts_claimed').notNull().default(0),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('mpesa_statement_runs_agency_started_idx').on(t.agencyId, t.startedAt)],
);

/** Each payment the statement listed, once, as M-Pesa described it. */
export const mpesaStatementRows = pgTable(
  'mpesa_statement_rows',
  {
    receipt: text('receipt').primaryKey(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    shortcode: text('shortcode').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    msisdn: text('msisdn'),
    sender: text('sender'),
    billReference: text('bill_reference').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    transactionType: text('transaction_type').notNull(),
    firstSeenRunId: uuid('first_seen_run_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mpesa_statement_rows_agency_occurred_idx').on(t.agencyId, t.occurredAt)],
);
