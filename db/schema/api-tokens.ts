import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { users } from './users';

/**
 * Personal access tokens: an admin's or landlord's scripts call `/api/v1` with `Authorization: Bearer hvn_…`.
 * Only a SHA-256 of the secret is kept (the secret is 32 random bytes, so a slow hash adds nothing); the secret
 * is shown once, when the token is made. A token acts as its owner, loaded afresh on every call, and only within
 * its scopes (lib/api-tokens/token-scopes.ts).
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    // The first characters of the secret (`hvn_ab12cd`), so people can tell their tokens apart in the list.
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // Written at most once a minute per token (lib/api-tokens/authenticate-token.ts): a busy script must not turn
    // every read into a write.
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId, t.createdAt),
    check('api_tokens_scopes_known', sql`${t.scopes} <@ array['read', 'collect', 'payout', 'admin']::text[] and cardinality(${t.scopes}) > 0`),
  ],
);

export type ApiTokenRow = typeof apiTokens.$inferSelect;
