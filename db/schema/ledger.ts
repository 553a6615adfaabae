import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies';
import { leases, meterReadings, recurringCharges } from './leases';
import { users } from './users';

/**
 * The rent ledger, written only by lib/ledger. Charges are what a lease owes, payments what came in; allocations
 * say which payment settled which charge, oldest charge first, and whatever a payment leaves unallocated is the
 * lease's credit. Corrections are new rows pointing at what they correct — a credit note at a charge, a payment
 * correction (M-Pesa reversal or undone manual payment) at a payment, an adjustment at a deposit movement —
 * never edits of amounts.
 */

export const CHARGE_KINDS = ['rent', 'deposit', 'late_fee', 'recurring', 'other'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

export const charges = pgTable(
  'charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    kind: text('kind', { enum: CHARGE_KINDS }).notNull(),
    // `YYYY-MM` for rent, late fees and recurring charges; null for one-off charges and the deposit.
    period: text('period'),
    description: text('description').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    recurringChargeId: uuid('recurring_charge_id').references(() => recurringCharges.id),
    meterReadingId: uuid('meter_reading_id').references(() => meterReadings.id),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Exactly once per lease and period, however many sweeps run (invariant 8).
    uniqueIndex('charges_rent_period_key').on(t.leaseId, t.period).where(sql`${t.kind} = 'rent'`),
    uniqueIndex('charges_late_fee_period_key').on(t.leaseId, t.period).where(sql`${t.kind} = 'late_fee'`),
    uniqueIndex('charges_deposit_key').on(t.leaseId).where(sql`${t.kind} = 'deposit'`),
    uniqueIndex('charges_recurring_period_key').on(t.recurringChargeId, t.period).where(sql`${t.recurringChargeId} is not null`),
    index('charges_lease_due_idx').on(t.leaseId, t.dueDate),
    // The dashboard's charges falling due today and this week, by agency.
    index('charges_agency_due_idx').on(t.agencyId, t.dueDate),
    check('charges_amount_positive', sql`${t.amountCents} > 0`),
    check('charges_kind_values', sql`${t.kind} in ('rent', 'deposit', 'late_fee', 'recurring', 'other')`),
  ],
);

/** A credit note: part or all of a charge forgiven (a waived late fee, a rent discount), with the reason. */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    chargeId: uuid('charge_id').notNull().references(() => charges.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('credit_notes_lease_idx').on(t.leaseId), index('credit_notes_charge_idx').on(t.chargeId), check('credit_notes_amount_positive', sql`${t.amountCents} > 0`)],
);

export const paymentMethod = pgEnum('payment_method', ['mpesa_stk', 'mpesa_paybill', 'cash', 'bank', 'cheque', 'deposit']);
export type PaymentMethod = (typeof paymentMethod.enumValues)[number];
// `reversed` mirrors a payment_corrections row (written with it, by the ledger) for the queries that filter on it.
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
    // Bank reference or cheque number of a manual payment.
    reference: text('reference'),
    note: text('note'),
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
    // Lists newest first within an agency, keyset-paged on (paid_at, id): the index gives that order with no sort.
    index('payments_agency_paid_id_idx').on(t.agencyId, t.paidAt, t.id),
    // The console's search: a payer's phone or an amount within one agency (lib/console/search-payments.ts).
    index('payments_agency_phone_idx').on(t.agencyId, t.payerPhone),
    index('payments_agency_amount_idx').on(t.agencyId, t.amountCents),
    check('payments_amount_positive', sql`${t.amountCents} > 0`),
  ],
);

// merge: the payment was the same money as another already in the books (undone by a new payment, never an edit).
export const PAYMENT_CORRECTION_KINDS = ['mpesa_reversal', 'void', 'merge'] as const;
export type PaymentCorrectionKind = (typeof PAYMENT_CORRECTION_KINDS)[number];

/** A payment taken back out of the books: reversed on M-Pesa, or a manual payment undone. At most one each. */
export const paymentCorrections = pgTable(
  'payment_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    paymentId: uuid('payment_id').notNull().references(() => payments.id),
    kind: text('kind', { enum: PAYMENT_CORRECTION_KINDS }).notNull(),
    reason: text('reason').notNull(),
    mpesaReversalId: uuid('mpesa_reversal_id'),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payment_corrections_payment_key').on(t.paymentId), index('payment_corrections_lease_idx').on(t.leaseId)],
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

export interface ReceiptLine {
  chargeId: string;
  kind: ChargeKind;
  period: string | null;
  description: string;
  amountCents: number;
}

/** What a receipt showed when it was issued; later reallocation or a reversal never changes it. */
export const paymentReceipts = pgTable('payment_receipts', {
  paymentId: uuid('payment_id').primaryKey().references(() => payments.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  lines: jsonb('lines').$type<ReceiptLine[]>().notNull(),
  creditCents: bigint('credit_cents', { mode: 'number' }).notNull(),
  // Positive: still owed after this payment; negative: in credit.
  balanceAfterCents: bigint('balance_after_cents', { mode: 'number' }).notNull(),
});

export const depositMovementKind = pgEnum('deposit_movement_kind', ['received', 'refund', 'adjustment', 'deduction']);

/**
 * The deposit held on a lease is what payments allocated to its deposit charge plus the sum of these: an opening
 * `received` balance (deposits taken before Haven), refunds and deductions (negative), and adjustments that
 * correct an earlier movement (`correctsId`).
 */
export const depositMovements = pgTable(
  'deposit_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    kind: depositMovementKind('kind').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    description: text('description').notNull(),
    // Deductions: damage | cleaning | unpaid_rent | utilities | other.
    category: text('category'),
    correctsId: uuid('corrects_id'),
    // A B2C refund produces exactly one movement, however often its result is delivered.
    b2cTransactionId: uuid('b2c_transaction_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deposit_movements_lease_idx').on(t.leaseId),
    uniqueIndex('deposit_movements_b2c_key').on(t.b2cTransactionId),
    uniqueIndex('deposit_movements_corrects_key').on(t.correctsId),
  ],
);

/** Photos or documents behind a deduction, stored under HAVEN_DATA_DIR and served only to the lease's people. */
export const depositEvidence = pgTable(
  'deposit_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    movementId: uuid('movement_id').notNull().references(() => depositMovements.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deposit_evidence_movement_idx').on(t.movementId)],
);

export const depositDisputes = pgTable(
  'deposit_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    raisedBy: uuid('raised_by').notNull().references(() => users.id),
    message: text('message').notNull(),
    response: text('response'),
    respondedBy: uuid('responded_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('deposit_disputes_lease_idx').on(t.leaseId)],
);

/** One late-fee decision per lease and period (charged or not), so a rule is applied exactly once. */
export const lateFeeAssessments = pgTable(
  'late_fee_assessments',
  {
    leaseId: uuid('lease_id').notNull().references(() => leases.id),
    period: text('period').notNull(),
    outcome: text('outcome', { enum: ['charged', 'paid_on_time', 'no_rule'] }).notNull(),
    chargeId: uuid('charge_id').references(() => charges.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.leaseId, t.period] })],
);
