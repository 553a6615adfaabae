import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every kind of callback the inbox stores; the processor registry must handle each (lib/payments/inbox-processors.ts). */
export const inboxKinds = [
  'stk',
  'b2c-result',
  'b2c-timeout',
  'reversal-result',
  'reversal-timeout',
  'balance-result',
  'balance-timeout',
  'status-result',
  'status-timeout',
  'c2b-validation',
  'c2b-confirmation',
] as const;
export type InboxKind = (typeof inboxKinds)[number];

/**
 * How processing a row ended. `waiting` and `error` are retried (with back-off); `dead` is an `error` that failed
 * INBOX_MAX_FAILURES times and waits for a person; `refuted` is a callback that M-Pesa itself contradicted (the STK
 * query or Transaction Status): kept, shown, never applied.
 */
export const inboxOutcomes = ['applied', 'duplicate', 'waiting', 'unmatched', 'mismatch', 'invalid', 'refuted', 'error', 'dead'] as const;
export type InboxOutcome = (typeof inboxOutcomes)[number];

/**
 * Every callback Daraja (or anyone) POSTs to us, stored raw before it is parsed (invariant 2). Processing reads
 * from here, idempotently; a row whose request is not stored yet stays `waiting` and is applied later.
 */
export const callbackInbox = pgTable(
  'callback_inbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<InboxKind>().notNull(),
    path: text('path').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    sourceAddress: text('source_address'),
    body: text('body').notNull(),
    // CheckoutRequestID / ConversationID / TransID, when the body let us read one.
    correlationId: text('correlation_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    outcome: text('outcome').$type<InboxOutcome>(),
    error: text('error'),
    // The agency whose request (or paybill) the callback turned out to concern, once processing knows it.
    agencyId: uuid('agency_id'),
    // Processing claims a row (claim time + token) so that no other worker or sweep picks it up meanwhile; a claim
    // older than the claim lease belongs to a worker that died and may be taken over.
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    claimToken: uuid('claim_token'),
    // When a worker first took the row: intake → claimed is how long a callback waited for a worker at all.
    firstClaimedAt: timestamp('first_claimed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    failures: integer('failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('callback_inbox_correlation_idx').on(t.correlationId),
    // The sweep's work list: unfinished rows by when they are due.
    index('callback_inbox_due_idx').on(t.nextAttemptAt).where(sql`${t.processedAt} is null`),
    index('callback_inbox_received_idx').on(t.receivedAt),
    index('callback_inbox_agency_received_idx').on(t.agencyId, t.receivedAt),
    // What the admin pages ask for, agency first (an agency's share of a large inbox is read from its own slice):
    // callbacks needing a person by state (the dead letter is `outcome = 'dead'`); those no agency could be found
    // for, which only the count of unattributed callbacks reads, have their own.
    index('callback_inbox_agency_attention_idx').on(t.agencyId, t.outcome, t.receivedAt).where(sql`${t.outcome} in ('dead', 'unmatched', 'invalid', 'refuted', 'mismatch')`),
    index('callback_inbox_unattributed_idx').on(t.receivedAt).where(sql`${t.agencyId} is null and ${t.outcome} in ('unmatched', 'invalid', 'refuted', 'dead')`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id'),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_agency_created_idx').on(t.agencyId, t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    // The audit view's filters: one action or one actor within an agency, newest first.
    index('audit_log_agency_action_created_idx').on(t.agencyId, t.action, t.createdAt),
    index('audit_log_agency_actor_created_idx').on(t.agencyId, t.actorId, t.createdAt),
  ],
);
