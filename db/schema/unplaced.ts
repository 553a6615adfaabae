import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';
import { payments } from './ledger';
import { mpesaB2cTransactions } from './mpesa';
import { users } from './users';

/**
 * The unmatched queue (issue 10 item 4): money that reached the agency's paybill and that Haven could not place on
 * a lease by itself — an unknown account number (from a confirmation or the statement), or a payment credited but
 * flagged for a person. One row per M-Pesa receipt (a payment's identity, invariant 1); what M-Pesa proved about it
 * stays in mpesa_receipt_checks and is read from there. What people did with it is the append-only action log.
 */

export const UNPLACED_SOURCES = ['c2b-confirmation', 'statement', 'stk-callback', 'tenant-lookup', 'admin', 'review'] as const;
export type UnplacedSource = (typeof UNPLACED_SOURCES)[number];

/**
 * verifying: Transaction Status has not proven it yet (nothing may be done with it); open: proven, waiting for a
 * person; review: credited by Haven but flagged; placed / refunding / not_ours / merged: a person decided (merged:
 * another payment on the lease was this same money, and was taken out of the books).
 */
export const UNPLACED_STATES = ['verifying', 'open', 'review', 'placed', 'refunding', 'not_ours', 'merged'] as const;
export type UnplacedState = (typeof UNPLACED_STATES)[number];

export const unplacedPayments = pgTable(
  'unplaced_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    receipt: text('receipt').notNull(),
    shortcode: text('shortcode').notNull(),
    source: text('source').$type<UnplacedSource>().notNull(),
    state: text('state').$type<UnplacedState>().notNull(),
    // Why Haven could not place it ("No lease has account …"), as the system said it.
    reason: text('reason').notNull(),
    // What the first claim said; the proven facts are on the receipt check.
    claimedAmountCents: bigint('claimed_amount_cents', { mode: 'number' }),
    accountReference: text('account_reference'),
    payerMsisdn: text('payer_msisdn'),
    // The live placement (a payment without a correction) or refund, when there is one.
    paymentId: uuid('payment_id').references(() => payments.id),
    payoutId: uuid('payout_id').references(() => mpesaB2cTransactions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('unplaced_payments_receipt_key').on(t.receipt),
    index('unplaced_payments_agency_state_idx').on(t.agencyId, t.state, t.createdAt),
  ],
);

export const UNPLACED_ACTIONS = ['place', 'refund', 'not_ours', 'keep', 'merge', 'undo'] as const;
export type UnplacedAction = (typeof UNPLACED_ACTIONS)[number];

/** Every decision on a queued payment, with who and why; an undo is a new row pointing at the action it undoes. */
export const unplacedPaymentActions = pgTable(
  'unplaced_payment_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').notNull().references(() => unplacedPayments.id),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    action: text('action').$type<UnplacedAction>().notNull(),
    reason: text('reason').notNull(),
    leaseId: uuid('lease_id').references(() => leases.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    payoutId: uuid('payout_id').references(() => mpesaB2cTransactions.id),
    correctionId: uuid('correction_id'),
    undoesId: uuid('undoes_id'),
    actorId: uuid('actor_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('unplaced_payment_actions_item_idx').on(t.itemId, t.createdAt),
    // An action is undone at most once, however many admins press the button.
    uniqueIndex('unplaced_payment_actions_undoes_key').on(t.undoesId).where(sql`${t.undoesId} is not null`),
  ],
);
