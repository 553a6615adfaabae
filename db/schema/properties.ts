import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { users } from './users';

export const properties = pgTable(
  'properties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    landlordId: uuid('landlord_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    location: text('location').notNull(),
    // Short code used in paybill account references (`KH` in `KH-A1`); unique within the agency.
    code: text('code').notNull(),
    // The agency's commission on rent collected, in basis points (1000 = 10%).
    commissionBps: integer('commission_bps').notNull().default(1000),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('properties_agency_idx').on(t.agencyId),
    index('properties_landlord_idx').on(t.landlordId),
    index('properties_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    uniqueIndex('properties_agency_code_key').on(t.agencyId, t.code),
    check('properties_commission_range', sql`${t.commissionBps} between 0 and 10000`),
  ],
);

export const UNIT_STATUSES = ['vacant', 'let', 'unavailable'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const UNIT_TYPES = ['bedsitter', 'studio', '1 bedroom', '2 bedroom', '3 bedroom', '4+ bedroom', 'shop', 'office', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    propertyId: uuid('property_id').notNull().references(() => properties.id),
    label: text('label').notNull(),
    bedrooms: integer('bedrooms').notNull().default(1),
    unitType: text('unit_type', { enum: UNIT_TYPES }).notNull().default('2 bedroom'),
    // The asking rent and deposit: a new lease starts from these.
    marketRentCents: bigint('market_rent_cents', { mode: 'number' }).notNull(),
    depositCents: bigint('deposit_cents', { mode: 'number' }).notNull().default(0),
    // `let` is kept in step with leases by the lease lifecycle (one active lease per unit).
    status: text('status', { enum: UNIT_STATUSES }).notNull().default('vacant'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_property_label_key').on(t.propertyId, t.label),
    index('units_agency_idx').on(t.agencyId),
    // Search by any part of a label (pg_trgm): see db/queries/lease-text-match.ts.
    index('units_label_trgm_idx').using('gin', t.label.op('gin_trgm_ops')),
    check('units_status_values', sql`${t.status} in ('vacant', 'let', 'unavailable')`),
    check('units_money_positive', sql`${t.marketRentCents} > 0 and ${t.depositCents} >= 0`),
  ],
);
