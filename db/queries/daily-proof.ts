import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mpesaB2cTransactions, mpesaBalanceChecks, mpesaReceiptChecks, mpesaReversals, mpesaStatementRows, payments } from '../schema';

/** What the daily proof reads for one agency and one window: the books, the statement and the balance checks. */

export async function listSuccessfulBalanceChecks(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select({ id: mpesaBalanceChecks.id, completedAt: mpesaBalanceChecks.completedAt, availableBalanceCents: mpesaBalanceChecks.availableBalanceCents })
    .from(mpesaBalanceChecks)
    .where(and(eq(mpesaBalanceChecks.agencyId, agencyId), eq(mpesaBalanceChecks.status, 'SUCCESS'), gte(mpesaBalanceChecks.completedAt, from), lt(mpesaBalanceChecks.completedAt, to)))
    .orderBy(asc(mpesaBalanceChecks.completedAt));
}

/**
 * M-Pesa payments in the books for the window (reversed ones too: they came in, and their reversal went out). A
 * receipt placed from the unmatched queue after an earlier placement was undone is a second payment carrying the
 * receipt as its reference (the voided one keeps the receipt number): both are read under the receipt, and the
 * proof counts the receipt once.
 */
export async function listBookedMpesaPayments(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select({
      id: payments.id,
      receipt: sql<string | null>`coalesce(${payments.mpesaReceiptNumber}, ${payments.reference})`,
      status: payments.status,
      amountCents: payments.amountCents,
      method: payments.method,
      paidAt: payments.paidAt,
      leaseId: payments.leaseId,
      source: mpesaReceiptChecks.source,
    })
    .from(payments)
    .leftJoin(mpesaReceiptChecks, eq(mpesaReceiptChecks.receipt, payments.mpesaReceiptNumber))
    .where(and(eq(payments.agencyId, agencyId), inArray(payments.method, ['mpesa_stk', 'mpesa_paybill']), gte(payments.paidAt, from), lt(payments.paidAt, to)))
    .orderBy(asc(payments.paidAt));
}

export async function listStatementRowsInWindow(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select()
    .from(mpesaStatementRows)
    .where(and(eq(mpesaStatementRows.agencyId, agencyId), gte(mpesaStatementRows.occurredAt, from), lt(mpesaStatementRows.occurredAt, to)))
    .orderBy(asc(mpesaStatementRows.occurredAt));
}

export async function listSettledPayouts(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select({ id: mpesaB2cTransactions.id, amountCents: mpesaB2cTransactions.amountCents, receipt: mpesaB2cTransactions.transactionId, completedAt: mpesaB2cTransactions.completedAt })
    .from(mpesaB2cTransactions)
    .where(and(eq(mpesaB2cTransactions.agencyId, agencyId), eq(mpesaB2cTransactions.status, 'SUCCESS'), gte(mpesaB2cTransactions.completedAt, from), lt(mpesaB2cTransactions.completedAt, to)));
}

export async function listSettledReversals(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select({ id: mpesaReversals.id, amountCents: mpesaReversals.amountCents, receipt: mpesaReversals.originalTransactionId, completedAt: mpesaReversals.completedAt })
    .from(mpesaReversals)
    .where(and(eq(mpesaReversals.agencyId, agencyId), eq(mpesaReversals.status, 'SUCCESS'), gte(mpesaReversals.completedAt, from), lt(mpesaReversals.completedAt, to)));
}

/** Money-out requests sent in the window whose fate is still open: money may have left without the books knowing. */
export async function listUnsettledMoneyOut(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  const open = ['PENDING', 'UNKNOWN'] as const;
  const [payouts, reversals] = await Promise.all([
    db.select({ id: mpesaB2cTransactions.id, amountCents: mpesaB2cTransactions.amountCents }).from(mpesaB2cTransactions)
      .where(and(eq(mpesaB2cTransactions.agencyId, agencyId), inArray(mpesaB2cTransactions.status, [...open]), isNotNull(mpesaB2cTransactions.sentAt), gte(mpesaB2cTransactions.sentAt, from), lt(mpesaB2cTransactions.sentAt, to))),
    db.select({ id: mpesaReversals.id, amountCents: mpesaReversals.amountCents }).from(mpesaReversals)
      .where(and(eq(mpesaReversals.agencyId, agencyId), inArray(mpesaReversals.status, [...open]), isNotNull(mpesaReversals.sentAt), gte(mpesaReversals.sentAt, from), lt(mpesaReversals.sentAt, to))),
  ]);
  return { payouts, reversals };
}

/** STK payments credited from the STK query whose receipt M-Pesa has not proven yet. */
export async function listReceiptlessPayments(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }) {
  return db
    .select({ id: payments.id, amountCents: payments.amountCents, paidAt: payments.paidAt })
    .from(payments)
    .where(and(eq(payments.agencyId, agencyId), eq(payments.method, 'mpesa_stk'), isNull(payments.mpesaReceiptNumber), gte(payments.paidAt, from), lt(payments.paidAt, to)));
}
