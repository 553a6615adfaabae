import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';

export const userRole = pgEnum('user_role', ['admin', 'landlord', 'tenant']);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    role: userRole('role').notNull(),
    name: text('name').notNull(),
    // Stored lower-cased so sign-in is case-insensitive. Unique across Haven: sign-in is by email alone.
    email: text('email').notNull(),
    // 2547XXXXXXXX / 2541XXXXXXXX; unique within an agency.
    phone: text('phone'),
    // National ID or passport number, optional.
    idNumber: text('id_number'),
    // Null until an invited person sets their password through their invite link.
    passwordHash: text('password_hash'),
    // Every session token carries the version it was issued under; bumping it (sign-out, password change, an
    // admin's "sign out everywhere") ends all of the user's sessions at their next request.
    sessionVersion: integer('session_version').notNull().default(0),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_agency_phone_key').on(t.agencyId, t.phone).where(sql`${t.phone} is not null`),
    // An agency's people by role; the tenants list walks it by name, keyset-paged on (name, id).
    index('users_agency_role_name_idx').on(t.agencyId, t.role, t.name, t.id),
    index('users_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
  ],
);

/** One-time links through which an invited person sets their password. Only a hash of the token is stored. */
export const userInvites = pgTable(
  'user_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_invites_token_key').on(t.tokenHash), index('user_invites_user_idx').on(t.userId)],
);

/** Hits counted per key (sign-in email, IP, STK phone…) over a sliding window; shared by every app instance. */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    hitAt: timestamp('hit_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rate_limit_hits_key_idx').on(t.key, t.hitAt)],
);

/**
 * rate-limiter-flexible's store (RateLimiterDrizzle): one row per limiter key with its points and expiry. Keys
 * are prefixed by limiter; account keys hold a hash of the email, never the email itself.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    points: integer('points').notNull().default(0),
    expire: timestamp('expire', { withTimezone: true }),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire)],
);
