import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import { isUuid } from '@/lib/validation/uuid';
import type { DbOrTx } from '../client';
import {
  auditLog,
  callbackInbox,
  charges,
  leases,
  mpesaC2bConfirmations,
  mpesaReceiptChecks,
  mpesaReversals,
  mpesaStatementRows,
  mpesaStatusQueries,
  mpesaTransactions,
  paymentAllocations,
  paymentCorrections,
  paymentReceipts,
  payments,
  properties,
  unplacedPayments,
  units,
  users,
} from '../schema';
import { joinPaymentContext, leaseTenant } from './payment-context-join';
import { leaseScope } from './scope';

/**
 * Everything the books and the M-Pesa records hold about one payment, for its timeline. The payment is found
 * within the caller's scope first (an admin's agency, a landlord's own properties, a tenant's own lease); every
 * other row is reached from that payment's own ids (its push, its receipt, its reversals), so nothing outside
 * the scope can be pulled in by a request field.
 */

const initiator = alias(users, 'timeline_initiator');
const actor = alias(users, 'timeline_actor');

async function getScopedPayment(db: DbOrTx, { caller, paymentId }: { caller: Caller; paymentId: string }) {
  const [row] = await joinPaymentContext(db.select({
    id: payments.id, agencyId: payments.agencyId, leaseId: payments.leaseId, amountCents: payments.amountCents, method: payments.method,
    status: payments.status, receipt: payments.mpesaReceiptNumber, pushId: payments.mpesaTransactionId, payerPhone: payments.payerPhone,
    reference: payments.reference, note: payments.note, paidAt: payments.paidAt, reversedAt: payments.reversedAt, createdAt: payments.createdAt,
    recordedBy: payments.recordedBy, tenantName: leaseTenant.name, propertyName: properties.name, unitLabel: units.label, accountReference: leases.accountReference,
  }).from(payments).$dynamic())
    .where(and(eq(payments.id, paymentId), eq(payments.agencyId, caller.agencyId), leaseScope(caller)))
    .limit(1);
  return row ?? null;
}

export type TimelinePayment = NonNullable<Awaited<ReturnType<typeof getScopedPayment>>>;

const byReceipt = <T>(receipt: string | null, run: (receipt: string) => Promise<T[]>): Promise<T[]> => (receipt ? run(receipt) : Promise.resolve([]));

/** The rows of one payment's timeline, or null when the caller may not see it (missing or not theirs: the same answer). */
export async function loadPaymentTimelineRows(db: DbOrTx, { caller, paymentId }: { caller: Caller; paymentId: string }) {
  if (!isUuid(paymentId)) return null;
  const payment = await getScopedPayment(db, { caller, paymentId });
  if (!payment) return null;
  const agency = payment.agencyId;

  const [pushes, checks, confirmations, statementRows, allocations, corrections, receiptRows, reversals, unplaced, recorder] = await Promise.all([
    payment.pushId
      ? db.select({ push: mpesaTransactions, initiatorName: initiator.name, initiatorRole: initiator.role }).from(mpesaTransactions)
        .leftJoin(initiator, eq(initiator.id, mpesaTransactions.initiatedBy))
        .where(and(eq(mpesaTransactions.id, payment.pushId), eq(mpesaTransactions.agencyId, agency)))
      : Promise.resolve([]),
    byReceipt(payment.receipt, (r) => db.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.receipt, r))),
    byReceipt(payment.receipt, (r) => db.select().from(mpesaC2bConfirmations).where(eq(mpesaC2bConfirmations.transId, r))),
    byReceipt(payment.receipt, (r) => db.select().from(mpesaStatementRows).where(eq(mpesaStatementRows.receipt, r))),
    db.select({ amountCents: paymentAllocations.amountCents, description: charges.description, period: charges.period, kind: charges.kind })
      .from(paymentAllocations).innerJoin(charges, eq(charges.id, paymentAllocations.chargeId))
      .where(eq(paymentAllocations.paymentId, payment.id)).orderBy(asc(charges.dueDate)),
    db.select({ correction: paymentCorrections, byName: actor.name }).from(paymentCorrections)
      .leftJoin(actor, eq(actor.id, paymentCorrections.createdBy)).where(eq(paymentCorrections.paymentId, payment.id)),
    db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, payment.id)),
    db.select({ reversal: mpesaReversals, requesterName: actor.name }).from(mpesaReversals)
      .leftJoin(actor, eq(actor.id, mpesaReversals.requestedBy))
      .where(and(eq(mpesaReversals.agencyId, agency), payment.receipt ? or(eq(mpesaReversals.paymentId, payment.id), eq(mpesaReversals.originalTransactionId, payment.receipt)) : eq(mpesaReversals.paymentId, payment.id)))
      .orderBy(asc(mpesaReversals.createdAt)),
    byReceipt(payment.receipt, (r) => db.select().from(unplacedPayments).where(and(eq(unplacedPayments.receipt, r), eq(unplacedPayments.agencyId, agency)))),
    payment.recordedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, payment.recordedBy)) : Promise.resolve([]),
  ]);
  // Rows about the receipt may belong to another agency only if M-Pesa reused a receipt; keep to this one.
  const check = checks.find((c) => c.agencyId === agency || c.agencyId === null) ?? null;
  const confirmation = confirmations.find((c) => c.agencyId === agency || c.agencyId === null) ?? null;
  const statementRow = statementRows.find((s) => s.agencyId === agency || s.agencyId === null) ?? null;
  const push = pushes[0] ?? null;

  const targets: SQL[] = [];
  if (check) targets.push(and(eq(mpesaStatusQueries.targetKind, 'receipt'), eq(mpesaStatusQueries.targetId, check.id))!);
  const reversalIds = reversals.map((r) => r.reversal.id);
  if (reversalIds.length > 0) targets.push(and(eq(mpesaStatusQueries.targetKind, 'reversal'), inArray(mpesaStatusQueries.targetId, reversalIds))!);
  const statusQueries = targets.length > 0 ? await db.select().from(mpesaStatusQueries).where(or(...targets)).orderBy(asc(mpesaStatusQueries.createdAt)) : [];

  // Callbacks carry the id they answer (CheckoutRequestID, TransID, ConversationID…) as their correlation id.
  const correlationIds = [
    push?.push.checkoutRequestId, payment.receipt,
    ...reversals.flatMap((r) => [r.reversal.id, r.reversal.conversationId, r.reversal.originatorConversationId]),
    ...statusQueries.flatMap((q) => [q.id, q.conversationId, q.originatorConversationId]),
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
  const callbacks = correlationIds.length > 0
    ? await db.select().from(callbackInbox)
      .where(and(inArray(callbackInbox.correlationId, correlationIds), or(eq(callbackInbox.agencyId, agency), isNull(callbackInbox.agencyId))))
      .orderBy(asc(callbackInbox.receivedAt))
    : [];

  const auditTargets: SQL[] = [and(eq(auditLog.targetType, 'payment'), eq(auditLog.targetId, payment.id))!];
  if (check) auditTargets.push(and(eq(auditLog.targetType, 'mpesa_receipt_check'), eq(auditLog.targetId, check.id))!);
  if (confirmation) auditTargets.push(and(eq(auditLog.targetType, 'c2b_confirmation'), eq(auditLog.targetId, confirmation.id))!);
  if (reversalIds.length > 0) auditTargets.push(and(eq(auditLog.targetType, 'mpesa_reversal'), inArray(auditLog.targetId, reversalIds))!);
  const audit = await db
    .select({ entry: auditLog, actorName: actor.name })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.agencyId, agency), or(...auditTargets)))
    .orderBy(asc(auditLog.createdAt));

  return {
    payment, push, check, confirmation, statementRow, allocations, corrections, receiptIssued: receiptRows[0] ?? null,
    reversals, unplaced: unplaced[0] ?? null, recorderName: recorder[0]?.name ?? null, statusQueries, callbacks, audit,
  };
}

export type PaymentTimelineRows = NonNullable<Awaited<ReturnType<typeof loadPaymentTimelineRows>>>;
