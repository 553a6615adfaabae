import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const LATE_FEE_KINDS = ['none', 'fixed', 'percent'] as const;
export type LateFeeKind = (typeof LATE_FEE_KINDS)[number];

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    // One paybill belongs to one agency: account references are unique per paybill, and a confirmation names it.
    paybillShortcode: text('paybill_shortcode').notNull(),
    // B2C / balance / reversal shortcode when it is not the paybill (Safaricom often issues a separate one).
    b2cShortcode: text('b2c_shortcode'),
    // Payouts above this need a second person's approval (ARCHITECTURE invariant 5).
    payoutApprovalThresholdCents: bigint('payout_approval_threshold_cents', { mode: 'number' }).notNull().default(1_000_000),
    // Rolling 24 h totals of money out (payouts and reversals) above which a request needs approval too, so that
    // splitting a large amount into small ones does not dodge the threshold: per requester and per recipient phone.
    moneyOutDailyRequesterLimitCents: bigint('money_out_daily_requester_limit_cents', { mode: 'number' }).notNull().default(10_000_000),
    moneyOutDailyPhoneLimitCents: bigint('money_out_daily_phone_limit_cents', { mode: 'number' }).notNull().default(5_000_000),
    // Below this the paybill's Utility account alerts the admins and payout forms warn: refunds leave from it. The
    // migration copies each agency's approval threshold, which played this part before it had a setting of its own.
    lowBalanceThresholdCents: bigint('low_balance_threshold_cents', { mode: 'number' }).notNull().default(1_000_000),
    // Late fee rule: none, a fixed amount, or a percent (basis points) of the rent still unpaid N days after due.
    lateFeeKind: text('late_fee_kind', { enum: LATE_FEE_KINDS }).notNull().default('none'),
    lateFeeFixedCents: bigint('late_fee_fixed_cents', { mode: 'number' }).notNull().default(0),
    lateFeePercentBps: integer('late_fee_percent_bps').notNull().default(0),
    lateFeeAfterDays: integer('late_fee_after_days').notNull().default(5),
    // Defaults for new leases and properties.
    defaultBillingDay: integer('default_billing_day').notNull().default(1),
    defaultDueDay: integer('default_due_day').notNull().default(5),
    defaultCommissionBps: integer('default_commission_bps').notNull().default(1000),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agencies_paybill_key').on(t.paybillShortcode),
    check('agencies_late_fee_kind', sql`${t.lateFeeKind} in ('none', 'fixed', 'percent')`),
    check('agencies_late_fee_values', sql`${t.lateFeeFixedCents} >= 0 and ${t.lateFeePercentBps} between 0 and 10000 and ${t.lateFeeAfterDays} between 0 and 60`),
    check('agencies_billing_days', sql`${t.defaultBillingDay} between 1 and 28 and ${t.defaultDueDay} between 1 and 28`),
    check('agencies_commission_range', sql`${t.defaultCommissionBps} between 0 and 10000`),
    check('agencies_money_out_limits', sql`${t.moneyOutDailyRequesterLimitCents} >= 0 and ${t.moneyOutDailyPhoneLimitCents} >= 0`),
    check('agencies_low_balance_threshold', sql`${t.lowBalanceThresholdCents} >= 0`),
  ],
);

/**
 * An agency's own Daraja app and initiator, so one Haven serves many paybills. Secrets are AES-256-GCM
 * ciphertexts (lib/crypto/secret-box.ts) under HAVEN_ENCRYPTION_KEY; they are never returned to a browser.
 */
export const agencyMpesaCredentials = pgTable('agency_mpesa_credentials', {
  agencyId: uuid('agency_id').primaryKey().references(() => agencies.id),
  consumerKeyEnc: text('consumer_key_enc').notNull(),
  consumerSecretEnc: text('consumer_secret_enc').notNull(),
  passkeyEnc: text('passkey_enc').notNull(),
  initiatorName: text('initiator_name').notNull(),
  // Either the portal's ready-made security credential or the initiator password (encrypted with the certificate).
  securityCredentialEnc: text('security_credential_enc'),
  initiatorPasswordEnc: text('initiator_password_enc'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
