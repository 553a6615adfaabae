import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every callback Daraja (or anyone) POSTs to us, stored raw before it is parsed (invariant 2). Processing reads
 * from here, idempotently; a row whose request is not stored yet stays `waiting` and is applied later.
 */
export const callbackInbox = pgTable(
  'callback_inbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // stk | b2c-result | b2c-timeout | reversal-result | reversal-timeout | balance-result | balance-timeout |
    // status-result | status-timeout | c2b-validation | c2b-confirmation
    kind: text('kind').notNull(),
    path: text('path').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    sourceAddress: text('source_address'),
    body: text('body').notNull(),
    // CheckoutRequestID / ConversationID / TransID, when the body let us read one.
    correlationId: text('correlation_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // applied | duplicate | waiting | unmatched | mismatch | invalid | error
    outcome: text('outcome'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('callback_inbox_correlation_idx').on(t.correlationId),
    index('callback_inbox_unprocessed_idx').on(t.processedAt, t.receivedAt),
    index('callback_inbox_received_idx').on(t.receivedAt),
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
  (t) => [index('audit_log_agency_created_idx').on(t.agencyId, t.createdAt), index('audit_log_target_idx').on(t.targetType, t.targetId)],
);
