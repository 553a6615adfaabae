import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('properties_agency_idx').on(t.agencyId), index('properties_landlord_idx').on(t.landlordId)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    propertyId: uuid('property_id').notNull().references(() => properties.id),
    label: text('label').notNull(),
    bedrooms: integer('bedrooms').notNull().default(1),
    marketRentCents: bigint('market_rent_cents', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('units_property_label_key').on(t.propertyId, t.label), index('units_agency_idx').on(t.agencyId)],
);
