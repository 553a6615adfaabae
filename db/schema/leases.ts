import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { units } from './properties';
import { users } from './users';

/** draft → active → notice → ended (lib/leases/lease-status.ts). A lease under notice is still billed and paid. */
export const LEASE_STATUSES = ['draft', 'active', 'notice', 'ended'] as const;
export type LeaseStatus = (typeof LEASE_STATUSES)[number];

export const leases = pgTable(
  'leases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    tenantId: uuid('tenant_id').notNull().references(() => users.id),
    // The rent agreed at signing; later changes are lease_rent_changes from a chosen period.
    monthlyRentCents: bigint('monthly_rent_cents', { mode: 'number' }).notNull(),
    depositCents: bigint('deposit_cents', { mode: 'number' }).notNull(),
    // Rent for a month is raised on the billing day and due on the due day.
    dueDay: integer('due_day').notNull(),
    billingDay: integer('billing_day').notNull().default(1),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    status: text('status', { enum: LEASE_STATUSES }).notNull().default('draft'),
    // What a tenant types as "Account no." when paying by paybill; also the STK AccountReference.
    accountReference: text('account_reference').notNull(),
    // The reference normalised (lib/leases/account-reference.ts: `KH-A1-R`, `kh a01` → `KHA1`): what matching compares.
    accountKey: text('account_key').notNull(),
    // When the rent sweep next has a period to charge (null: nothing more to charge). Indexed for the sweep.
    nextRentChargeAt: timestamp('next_rent_charge_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    noticeGivenAt: timestamp('notice_given_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Unique per paybill (one paybill per agency) among the leases that can be paid.
    uniqueIndex('leases_live_account_reference_key').on(t.agencyId, t.accountReference).where(sql`${t.status} in ('active', 'notice')`),
    // However it is typed, an account number names at most one lease in force on a paybill.
    uniqueIndex('leases_live_account_key').on(t.agencyId, t.accountKey).where(sql`${t.status} in ('active', 'notice')`),
    index('leases_agency_account_key_idx').on(t.agencyId, t.accountKey),
    // One lease in force per unit.
    uniqueIndex('leases_one_live_per_unit').on(t.unitId).where(sql`${t.status} in ('active', 'notice')`),
    index('leases_agency_idx').on(t.agencyId),
    // With the status: a tenant's live leases are counted from the index alone (the tenants list, per row).
    index('leases_tenant_idx').on(t.tenantId, t.status),
    index('leases_unit_idx').on(t.unitId),
    index('leases_account_reference_idx').on(t.accountReference),
    index('leases_account_reference_trgm_idx').using('gin', t.accountReference.op('gin_trgm_ops')),
    index('leases_rent_due_idx').on(t.nextRentChargeAt).where(sql`${t.status} in ('active', 'notice')`),
    check('leases_due_day_range', sql`${t.dueDay} between 1 and 28`),
    check('leases_billing_day_range', sql`${t.billingDay} between 1 and 28`),
    check('leases_money_positive', sql`${t.monthlyRentCents} > 0 and ${t.depositCents} >= 0`),
    check('leases_status_values', sql`${t.status} in ('draft', 'active', 'notice', 'ended')`),
    check('leases_dates_ordered', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

/** Rent from a chosen period on: the rent of period P is the latest change at or before P, else the lease's. */
export const leaseRentChanges = pgTable(
  'lease_rent_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    effectivePeriod: text('effective_period').notNull(),
    monthlyRentCents: bigint('monthly_rent_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lease_rent_changes_period_key').on(t.leaseId, t.effectivePeriod),
    check('lease_rent_changes_positive', sql`${t.monthlyRentCents} > 0`),
  ],
);

export const RECURRING_CHARGE_KINDS = ['service_charge', 'garbage', 'water', 'parking', 'security', 'other'] as const;
export type RecurringChargeKind = (typeof RECURRING_CHARGE_KINDS)[number];

/**
 * Charges that recur each period besides rent: a fixed amount (service charge, garbage) charged by the sweep, or
 * metered (water) charged when a reading is entered: (reading − previous reading) × rate.
 */
export const recurringCharges = pgTable(
  'recurring_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    kind: text('kind', { enum: RECURRING_CHARGE_KINDS }).notNull(),
    description: text('description').notNull(),
    metered: text('metered', { enum: ['fixed', 'metered'] }).notNull().default('fixed'),
    // Fixed: the amount per period. Metered: the price per unit (e.g. per m³).
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    startPeriod: text('start_period').notNull(),
    endPeriod: text('end_period'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recurring_charges_lease_idx').on(t.leaseId), check('recurring_charges_positive', sql`${t.amountCents} > 0`)],
);

export const meterReadings = pgTable(
  'meter_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    recurringChargeId: uuid('recurring_charge_id').notNull().references(() => recurringCharges.id),
    period: text('period').notNull(),
    previousReading: integer('previous_reading').notNull(),
    reading: integer('reading').notNull(),
    readOn: date('read_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meter_readings_period_key').on(t.recurringChargeId, t.period),
    check('meter_readings_forward', sql`${t.reading} >= ${t.previousReading} and ${t.previousReading} >= 0`),
  ],
);
