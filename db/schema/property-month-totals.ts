import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { properties } from './properties';

/**
 * Per property and month, what fell due and what was collected by each route: the dashboard's month figures and its
 * 12-month chart read a few rows per property instead of a year of an agency's charges and payments.
 *
 * Like lease_ledger_totals it is never written by the application: statement-level triggers on charges,
 * credit_notes and payments (migration 0018_property_month_totals) add each statement's change in its transaction,
 * and tests/integration/lease-ledger-totals.test.ts compares it with a recompute from the ledger after every write.
 *
 * `entry` is `due` (charges net of credit notes, by the month of their due date) or a payment method (completed
 * payments, by the Nairobi month they were paid in; `payments` counts them).
 */
export const propertyMonthTotals = pgTable(
  'property_month_totals',
  {
    propertyId: uuid('property_id').notNull().references(() => properties.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    entry: text('entry').notNull(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    cents: bigint('cents', { mode: 'number' }).notNull().default(0),
    payments: integer('payments').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.propertyId, t.period, t.entry] }), index('property_month_totals_agency_period_idx').on(t.agencyId, t.period)],
);
