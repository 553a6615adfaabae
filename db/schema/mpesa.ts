import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';
import { payments } from './ledger';
import { users } from './users';
import type { BalanceAccount } from '../../lib/mpesa/callbacks/account-balance-string';
import type { ApprovalReason } from '../../lib/payments/approvals/approval-reasons';

export type { BalanceAccount };

export const stkStatus = pgEnum('mpesa_stk_status', ['PENDING', 'SUCCESS', 'FAILED', 'CANCELLED', 'TIMEOUT']);
export type StkStatus = (typeof stkStatus.enumValues)[number];

/** STK pushes we sent. The row is written before Daraja is called, so checkout_request_id starts null. */
export const mpesaTransactions = pgTable(
  'mpesa_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    initiatedBy: uuid('initiated_by').notNull().references(() => users.id),
    shortcode: text('shortcode').notNull(),
    phone: text('phone').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    accountReference: text('account_reference').notNull(),
    merchantRequestId: text('merchant_request_id'),
    checkoutRequestId: text('checkout_request_id'),
    status: stkStatus('status').notNull().default('PENDING'),
    // Set once the request leaves for Daraja: PENDING with sent_at and no checkout id = outcome unknown.
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // Only a receipt proven by Transaction Status (or equal to one): the receipt a success callback claimed waits in
    // claimed_receipt until then, so a forged callback cannot tie someone else's receipt to this push.
    mpesaReceiptNumber: text('mpesa_receipt_number'),
    claimedReceipt: text('claimed_receipt'),
    resultCode: text('result_code'),
    resultDescription: text('result_description'),
    customerMessage: text('customer_message'),
    // Set when something needs a person: a mismatched callback, an unresolved push past its deadline.
    needsReview: boolean('needs_review').notNull().default(false),
    reviewReason: text('review_reason'),
    queryCount: integer('query_count').notNull().default(0),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    callbackReceivedAt: timestamp('callback_received_at', { withTimezone: true }),
    transactionDate: timestamp('transaction_date', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mpesa_transactions_checkout_key').on(t.checkoutRequestId),
    uniqueIndex('mpesa_transactions_receipt_key').on(t.mpesaReceiptNumber),
    // One open push per lease: a double tap finds the pending row instead of prompting twice.
    uniqueIndex('mpesa_transactions_one_pending_per_lease').on(t.leaseId).where(sql`${t.status} = 'PENDING'`),
    index('mpesa_transactions_status_created_idx').on(t.status, t.createdAt),
    index('mpesa_transactions_agency_created_idx').on(t.agencyId, t.createdAt),
    index('mpesa_transactions_lease_created_idx').on(t.leaseId, t.createdAt),
    index('mpesa_transactions_merchant_idx').on(t.merchantRequestId),
    index('mpesa_transactions_review_idx').on(t.agencyId, t.createdAt).where(sql`${t.needsReview}`),
  ],
);

/** Paybill (C2B) confirmations: money a tenant sent by typing the paybill and the lease's account number. */
export const mpesaC2bConfirmations = pgTable(
  'mpesa_c2b_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    transId: text('trans_id').notNull(),
    transTime: timestamp('trans_time', { withTimezone: true }),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    shortcode: text('shortcode').notNull(),
    billRefNumber: text('bill_ref_number'),
    msisdn: text('msisdn'),
    payerName: text('payer_name'),
    leaseId: uuid('lease_id').references(() => leases.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    outcome: text('outcome').notNull(),
    raw: jsonb('raw').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mpesa_c2b_confirmations_trans_key').on(t.transId), index('mpesa_c2b_confirmations_agency_created_idx').on(t.agencyId, t.createdAt)],
);

export const payoutStatus = pgEnum('mpesa_payout_status', [
  'AWAITING_APPROVAL', // waiting for a second person
  'REJECTED', // the approver said no; nothing was sent
  'QUEUED', // recorded and about to be sent
  'PENDING', // Daraja acknowledged it; the result has not come
  'UNKNOWN', // sent, but we cannot tell whether it was received: settle with Transaction Status, never resend
  'SUCCESS',
  'FAILED',
]);
export type PayoutStatus = (typeof payoutStatus.enumValues)[number];

export const b2cOccasion = pgEnum('mpesa_b2c_occasion', ['Refund', 'Payout', 'Salary', 'Bonus', 'Commission']);

export const mpesaB2cTransactions = pgTable(
  'mpesa_b2c_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').references(() => leases.id),
    // Our idempotency id, sent as B2C v3 OriginatorConversationID.
    originatorConversationId: text('originator_conversation_id').notNull(),
    conversationId: text('conversation_id'),
    shortcode: text('shortcode').notNull(),
    phone: text('phone').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    commandId: text('command_id').notNull(),
    occasion: b2cOccasion('occasion').notNull(),
    remarks: text('remarks').notNull(),
    status: payoutStatus('status').notNull(),
    transactionId: text('transaction_id'),
    receiverName: text('receiver_name'),
    utilityBalanceAfterCents: bigint('utility_balance_after_cents', { mode: 'number' }),
    resultCode: text('result_code'),
    resultDescription: text('result_description'),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    // Set when the requester withdrew the request before anyone decided (status REJECTED, so it counts nowhere).
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    // Why it waits for approval (threshold, 24 h limits, own phone…), recorded when requested and shown to approvers.
    approvalReasons: jsonb('approval_reasons').$type<ApprovalReason[]>().notNull().default([]),
    // What the result callback said, kept until Transaction Status confirms it (a callback alone never settles).
    reportedOutcome: text('reported_outcome').$type<'SUCCESS' | 'FAILED'>(),
    reportedResultCode: text('reported_result_code'),
    reportedResultDescription: text('reported_result_description'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    needsReview: boolean('needs_review').notNull().default(false),
    reviewReason: text('review_reason'),
    idempotencyKey: text('idempotency_key'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mpesa_b2c_originator_key').on(t.originatorConversationId),
    uniqueIndex('mpesa_b2c_conversation_key').on(t.conversationId),
    uniqueIndex('mpesa_b2c_idempotency_key').on(t.requestedBy, t.idempotencyKey),
    index('mpesa_b2c_agency_created_idx').on(t.agencyId, t.createdAt),
    index('mpesa_b2c_status_idx').on(t.status),
    // The rolling 24 h money-out totals (lib/payments/approvals/money-out-limits.ts).
    index('mpesa_b2c_requester_created_idx').on(t.agencyId, t.requestedBy, t.createdAt),
    index('mpesa_b2c_phone_created_idx').on(t.agencyId, t.phone, t.createdAt),
    // The second person is never the first (invariant 5), whatever code path sets approved_by.
    check('mpesa_b2c_approver_not_requester', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.requestedBy}`),
  ],
);

export const mpesaReversals = pgTable(
  'mpesa_reversals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    originalTransactionId: text('original_transaction_id').notNull(),
    // Who gets the money back: the payer's phone (2547…), when the payment recorded one; for the 24 h phone limit.
    recipientPhone: text('recipient_phone'),
    originatorConversationId: text('originator_conversation_id'),
    conversationId: text('conversation_id'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    remarks: text('remarks').notNull(),
    status: payoutStatus('status').notNull(),
    resultCode: text('result_code'),
    resultDescription: text('result_description'),
    debitAccountBalance: text('debit_account_balance'),
    requestedBy: uuid('requested_by').notNull().references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    approvalReasons: jsonb('approval_reasons').$type<ApprovalReason[]>().notNull().default([]),
    // What the result callback said, kept until Transaction Status confirms it (a callback alone never settles).
    reportedOutcome: text('reported_outcome').$type<'SUCCESS' | 'FAILED'>(),
    reportedResultCode: text('reported_result_code'),
    reportedResultDescription: text('reported_result_description'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    needsReview: boolean('needs_review').notNull().default(false),
    reviewReason: text('review_reason'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastQueriedAt: timestamp('last_queried_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mpesa_reversals_conversation_key').on(t.conversationId),
    // One open or successful reversal per receipt; failed or rejected ones may be retried.
    uniqueIndex('mpesa_reversals_one_live_per_receipt')
      .on(t.originalTransactionId)
      .where(sql`${t.status} not in ('FAILED', 'REJECTED')`),
    index('mpesa_reversals_agency_created_idx').on(t.agencyId, t.createdAt),
    index('mpesa_reversals_requester_created_idx').on(t.agencyId, t.requestedBy, t.createdAt),
    index('mpesa_reversals_phone_created_idx').on(t.agencyId, t.recipientPhone, t.createdAt),
    check('mpesa_reversals_approver_not_requester', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.requestedBy}`),
  ],
);

export const balanceCheckStatus = pgEnum('mpesa_balance_status', ['QUEUED', 'PENDING', 'SUCCESS', 'FAILED', 'UNKNOWN']);

export const mpesaBalanceChecks = pgTable(
  'mpesa_balance_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    shortcode: text('shortcode').notNull(),
    conversationId: text('conversation_id'),
    originatorConversationId: text('originator_conversation_id'),
    status: balanceCheckStatus('status').notNull().default('PENDING'),
    rawBalance: text('raw_balance'),
    accounts: jsonb('accounts').$type<BalanceAccount[]>(),
    availableBalanceCents: bigint('available_balance_cents', { mode: 'number' }),
    resultCode: text('result_code'),
    resultDescription: text('result_description'),
    requestedBy: uuid('requested_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mpesa_balance_checks_conversation_key').on(t.conversationId),
    index('mpesa_balance_checks_agency_created_idx').on(t.agencyId, t.createdAt),
  ],
);

/** OAuth tokens shared by every app instance, so that one refresh does not invalidate another's token. */
export const mpesaAccessTokens = pgTable('mpesa_access_tokens', {
  key: text('key').primaryKey(),
  accessToken: text('access_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
});
