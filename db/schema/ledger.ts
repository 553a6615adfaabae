import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases } from './leases';
import { users } from './users';

/**
 * The rent ledger. Charges are what a lease owes, payments what came in; allocations say which payment settled
 * which charge, oldest charge first, and whatever a payment leaves unallocated is the lease's credit.
 * Corrections are new rows (a reversed payment keeps its row with status `reversed`), never edits of amounts.
 */

export const chargeKind = pgEnum('charge_kind', ['rent', 'deposit', 'other']);

export const charges = pgTable(
  'charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    kind: chargeKind('kind').notNull(),
    // `YYYY-MM` for rent; null for one-off charges.
    period: text('period'),
    description: text('description').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('charges_lease_kind_period_key').on(t.leaseId, t.kind, t.period),
    index('charges_lease_due_idx').on(t.leaseId, t.dueDate),
    check('charges_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

export const paymentMethod = pgEnum('payment_method', ['mpesa_stk', 'mpesa_paybill', 'cash', 'bank']);
export const paymentStatus = pgEnum('payment_status', ['completed', 'reversed']);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    method: paymentMethod('method').notNull(),
    // Invariant 1: one M-Pesa receipt is credited at most once, whatever route brought it.
    mpesaReceiptNumber: text('mpesa_receipt_number'),
    // The STK request that produced it, when there was one (unique: one payment per push).
    mpesaTransactionId: uuid('mpesa_transaction_id'),
    payerPhone: text('payer_phone'),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    status: paymentStatus('status').notNull().default('completed'),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_mpesa_receipt_key').on(t.mpesaReceiptNumber),
    uniqueIndex('payments_mpesa_transaction_key').on(t.mpesaTransactionId),
    index('payments_lease_paid_idx').on(t.leaseId, t.paidAt),
    index('payments_agency_paid_idx').on(t.agencyId, t.paidAt),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    chargeId: uuid('charge_id').notNull().references(() => charges.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('payment_allocations_payment_charge_key').on(t.paymentId, t.chargeId),
    index('payment_allocations_lease_idx').on(t.leaseId),
    index('payment_allocations_charge_idx').on(t.chargeId),
    check('payment_allocations_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

export const depositMovementKind = pgEnum('deposit_movement_kind', ['received', 'refund', 'adjustment']);

/** The deposit held on a lease is the sum of these (received positive, refunds negative). */
export const depositMovements = pgTable(
  'deposit_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    kind: depositMovementKind('kind').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    // A B2C refund produces exactly one movement, however often its result is delivered.
    b2cTransactionId: uuid('b2c_transaction_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deposit_movements_lease_idx').on(t.leaseId), uniqueIndex('deposit_movements_b2c_key').on(t.b2cTransactionId)],
);
