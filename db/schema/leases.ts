import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { units } from './properties';
import { users } from './users';

export const leaseStatus = pgEnum('lease_status', ['active', 'ended', 'pending']);

export const leases = pgTable(
  'leases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    tenantId: uuid('tenant_id').notNull().references(() => users.id),
    monthlyRentCents: bigint('monthly_rent_cents', { mode: 'number' }).notNull(),
    depositCents: bigint('deposit_cents', { mode: 'number' }).notNull(),
    dueDay: integer('due_day').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    status: leaseStatus('status').notNull().default('active'),
    // What a tenant types as "Account no." when paying by paybill; also the STK AccountReference.
    accountReference: text('account_reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leases_account_reference_key').on(t.accountReference),
    index('leases_agency_idx').on(t.agencyId),
    index('leases_tenant_idx').on(t.tenantId),
    index('leases_unit_idx').on(t.unitId),
    check('leases_due_day_range', sql`${t.dueDay} between 1 and 28`),
    check('leases_money_positive', sql`${t.monthlyRentCents} > 0 and ${t.depositCents} >= 0`),
  ],
);
