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
    // Stored lower-cased so sign-in is case-insensitive.
    email: text('email').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    // Every session token carries the version it was issued under; bumping it (sign-out, password change, an
    // admin's "sign out everywhere") ends all of the user's sessions at their next request.
    sessionVersion: integer('session_version').notNull().default(0),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_agency_role_idx').on(t.agencyId, t.role)],
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
