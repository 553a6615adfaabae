import { bigint, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  paybillShortcode: text('paybill_shortcode').notNull(),
  // Payouts above this need a second person's approval (ARCHITECTURE invariant 5).
  payoutApprovalThresholdCents: bigint('payout_approval_threshold_cents', { mode: 'number' }).notNull().default(1_000_000),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
