import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';
import { payments } from './ledger';

/**
 * Evidence from M-Pesa itself. Callbacks are unsigned (ARCHITECTURE invariant 4), so what they claim is checked
 * with Transaction Status before the books change: each query we send is a status query row, correlated with its
 * result by the query's own ConversationID / OriginatorConversationID (SPEC §8.1), Occasion only as a fallback.
 */

export const statusQueryTargets = ['payout', 'reversal', 'receipt'] as const;
export type StatusQueryTarget = (typeof statusQueryTargets)[number];
export const statusQueryStatuses = ['QUEUED', 'PENDING', 'UNKNOWN', 'ANSWERED', 'FAILED', 'TIMEOUT'] as const;
export type StatusQueryStatus = (typeof statusQueryStatuses)[number];

export const mpesaStatusQueries = pgTable(
  'mpesa_status_queries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    shortcode: text('shortcode').notNull(),
    targetKind: text('target_kind').$type<StatusQueryTarget>().notNull(),
    targetId: uuid('target_id').notNull(),
    // What was asked: a receipt (TransactionID) or an OriginatorConversationID.
    transactionId: text('transaction_id'),
    originalConversationId: text('original_conversation_id'),
    occasion: text('occasion').notNull(),
    status: text('status').$type<StatusQueryStatus>().notNull().default('QUEUED'),
    conversationId: text('conversation_id'),
    originatorConversationId: text('originator_conversation_id'),
    resultCode: text('result_code'),
    resultDescription: text('result_description'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mpesa_status_queries_conversation_key').on(t.conversationId),
    index('mpesa_status_queries_originator_idx').on(t.originatorConversationId),
    index('mpesa_status_queries_target_idx').on(t.targetKind, t.targetId, t.createdAt),
  ],
);

export const receiptCheckStatuses = ['PENDING', 'CONFIRMED', 'NOT_FOUND', 'UNRESOLVED'] as const;
export type ReceiptCheckStatus = (typeof receiptCheckStatuses)[number];
/** Where a claim about a receipt came from. */
export const receiptSources = ['stk-callback', 'c2b-confirmation', 'statement', 'tenant-lookup', 'admin'] as const;
export type ReceiptSource = (typeof receiptSources)[number];
/** What Haven did with a confirmed receipt. */
export const receiptResolutions = ['credited', 'receipt-attached', 'duplicate', 'unmatched', 'refuted', 'review'] as const;
export type ReceiptResolution = (typeof receiptResolutions)[number];

/**
 * One row per M-Pesa receipt someone told us about (an STK callback, a paybill confirmation, the statement, a
 * tenant): what was claimed, what Transaction Status proved, and what the books did with it. The receipt is a
 * payment's identity (invariant 1): this row, not the claims, decides whether and where it is credited.
 */
export const mpesaReceiptChecks = pgTable(
  'mpesa_receipt_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    receipt: text('receipt').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    shortcode: text('shortcode').notNull(),
    status: text('status').$type<ReceiptCheckStatus>().notNull().default('PENDING'),
    // Claims (unverified): the first source, and what it said.
    source: text('source').$type<ReceiptSource>().notNull(),
    claimedAmountCents: bigint('claimed_amount_cents', { mode: 'number' }),
    claimedAccountReference: text('claimed_account_reference'),
    claimedPushId: uuid('claimed_push_id'),
    // A tenant said "I paid this" (tenant-lookup): credited to this lease only if M-Pesa proves it came from their phone.
    claimedLeaseId: uuid('claimed_lease_id').references(() => leases.id),
    // Proven by Transaction Status.
    amountCents: bigint('amount_cents', { mode: 'number' }),
    payerMsisdn: text('payer_msisdn'),
    payerName: text('payer_name'),
    reasonType: text('reason_type'),
    // stk | paybill | b2c | other, read from reasonType by lib/mpesa/status-facts.ts.
    route: text('route').$type<'stk' | 'paybill' | 'b2c' | 'other'>(),
    transactionStatus: text('transaction_status'),
    merchantRequestId: text('merchant_request_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    // What the books did with it.
    resolution: text('resolution').$type<ReceiptResolution>(),
    paymentId: uuid('payment_id').references(() => payments.id),
    reviewReason: text('review_reason'),
    queryCount: integer('query_count').notNull().default(0),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mpesa_receipt_checks_receipt_key').on(t.receipt),
    index('mpesa_receipt_checks_pending_idx').on(t.lastQueriedAt).where(sql`${t.status} = 'PENDING'`),
    index('mpesa_receipt_checks_agency_created_idx').on(t.agencyId, t.createdAt),
    index('mpesa_receipt_checks_attention_idx').on(t.agencyId, t.createdAt).where(sql`${t.resolution} in ('unmatched', 'refuted', 'review') or ${t.status} in ('NOT_FOUND', 'UNRESOLVED')`),
  ],
);
