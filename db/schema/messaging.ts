import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';
import { payments } from './ledger';
import { users } from './users';

export const messageChannel = pgEnum('message_channel', ['sms', 'email']);
export type MessageChannel = (typeof messageChannel.enumValues)[number];

/**
 * queued → claimed → sending → sent. `claimed` means a worker holds it and has not called the provider yet (safe to
 * take back); `sending` means the request may have left, so a worker that dies there leaves it `unknown` — never
 * resent on its own, because neither Africa's Talking's SMS API nor SMTP can tell a resend from a new message.
 */
export const messageStatus = pgEnum('message_status', ['queued', 'claimed', 'sending', 'sent', 'failed', 'unknown', 'cancelled']);
export type MessageStatus = (typeof messageStatus.enumValues)[number];

/**
 * The outbox (invariant 8): every SMS and email is a row written in the transaction of the event that causes it,
 * then delivered by the worker. One row per (event, recipient, channel), whatever retries or instances do.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    // payment-receipt | rent-reminder | refund-sent | payment-reversed | lease-invite | password-reset |
    // approval-request | daily-proof-failed | low-balance
    kind: text('kind').notNull(),
    // What caused it, e.g. `payment:<id>`, `reminder:<chargeId>:<offset>`: with recipient and channel, its identity.
    eventKey: text('event_key').notNull(),
    recipientId: uuid('recipient_id').references(() => users.id),
    // The user id, or the address itself for a recipient who is not a user.
    recipientKey: text('recipient_key').notNull(),
    leaseId: uuid('lease_id').references(() => leases.id),
    channel: messageChannel('channel').notNull(),
    // 2547XXXXXXXX or an email address, fixed when the message is queued.
    address: text('address').notNull(),
    // Ids the template needs; secrets (one-time links) only sealed with HAVEN_ENCRYPTION_KEY, wiped once sent.
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: messageStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimToken: uuid('claim_token'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    // What was sent, as rendered for the send (one-time links redacted): what admins see.
    subject: text('subject'),
    body: text('body'),
    providerMessageId: text('provider_message_id'),
    providerStatus: text('provider_status'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_event_recipient_channel_key').on(t.eventKey, t.recipientKey, t.channel),
    index('messages_due_idx').on(t.status, t.nextAttemptAt),
    index('messages_agency_created_idx').on(t.agencyId, t.createdAt),
    index('messages_recipient_idx').on(t.recipientId, t.createdAt),
    index('messages_lease_idx').on(t.leaseId, t.createdAt),
    check('messages_attempts_range', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

/** How a person wants to hear from Haven. No row = both channels (whichever they have an address for). */
export const messagingPreferences = pgTable(
  'messaging_preferences',
  {
    userId: uuid('user_id').primaryKey().references(() => users.id),
    sms: boolean('sms').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('messaging_preferences_one_channel', sql`${t.sms} or ${t.email}`)],
);

/** Per agency: its own Africa's Talking account (the API key sealed) and its rent reminder schedule. */
export const agencyMessagingSettings = pgTable('agency_messaging_settings', {
  agencyId: uuid('agency_id').primaryKey().references(() => agencies.id),
  atUsername: text('at_username'),
  atApiKeySealed: text('at_api_key_sealed'),
  atSenderId: text('at_sender_id'),
  remindersEnabled: boolean('reminders_enabled').notNull().default(true),
  // Days relative to the due day: -3 = three days before, 0 = on the day, 10 = ten days after.
  reminderOffsets: jsonb('reminder_offsets').$type<number[]>().notNull().default([-3, 0, 3, 10]),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The public code of a receipt: printed as a QR code, checked on /r/<code> by anyone holding the paper. */
export const receiptCodes = pgTable(
  'receipt_codes',
  {
    // A payment row that is deleted (only ever by hand, as a test of the daily proof does) takes its code with it.
    paymentId: uuid('payment_id').primaryKey().references(() => payments.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('receipt_codes_code_key').on(t.code)],
);
