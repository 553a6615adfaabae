import { and, desc, eq, gte, isNull, lte, or, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { charges, leases, payments, properties, units, users } from '../schema';
import { leaseScope } from './scope';
import { isUuid } from '@/lib/validation/uuid';

/** Payments as people see them: always scoped by the caller through the lease (invariant 6). */

export const paymentTenant = alias(users, 'receipt_tenant');
const tenant = paymentTenant;

export const paymentColumns = {
  id: payments.id,
  leaseId: payments.leaseId,
  amountCents: payments.amountCents,
  method: payments.method,
  mpesaReceiptNumber: payments.mpesaReceiptNumber,
  payerPhone: payments.payerPhone,
  reference: payments.reference,
  paidAt: payments.paidAt,
  status: payments.status,
  reversedAt: payments.reversedAt,
  createdAt: payments.createdAt,
  tenantName: tenant.name,
  unitLabel: units.label,
  propertyName: properties.name,
  accountReference: leases.accountReference,
};

function scopedPayments(db: DbOrTx) {
  return db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(leases, eq(leases.id, payments.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId));
}

export type PaymentView = Awaited<ReturnType<typeof listPaymentsForCaller>>[number];

/** A payment the caller may see, or null (the same answer for "does not exist" and "not yours"). */
export async function getPaymentForCaller(db: DbOrTx, { caller, paymentId }: { caller: Caller; paymentId: string }) {
  if (!isUuid(paymentId)) return null;
  const [row] = await scopedPayments(db)
    .where(and(eq(payments.id, paymentId), eq(payments.agencyId, caller.agencyId), leaseScope(caller)))
    .limit(1);
  return row ?? null;
}

export async function listPaymentsForCaller(db: DbOrTx, { caller, limit = 100 }: { caller: Caller; limit?: number }) {
  return scopedPayments(db)
    .where(and(eq(payments.agencyId, caller.agencyId), leaseScope(caller)))
    .orderBy(desc(payments.paidAt), desc(payments.createdAt))
    .limit(limit);
}

/**
 * The lease's balance right after a payment: charges raised up to then minus completed payments recorded up to
 * and including it. Positive = still owed, negative = credit.
 */
export async function getBalanceAfterPayment(db: DbOrTx, { leaseId, paymentId }: { leaseId: string; paymentId: string }): Promise<number> {
  // Compared in SQL: timestamps read into JS lose their microseconds, which would exclude the payment itself.
  const at = sql`(select ${payments.createdAt} from ${payments} where ${payments.id} = ${paymentId})`;
  const [[charged], [paid]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges)
      .where(and(eq(charges.leaseId, leaseId), lte(charges.createdAt, at))),
    db.select({ total: sum(payments.amountCents) }).from(payments)
      .where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'), lte(payments.createdAt, at))),
  ]);
  return Number(charged?.total ?? 0) - Number(paid?.total ?? 0);
}

export async function getPaymentByPushId(db: DbOrTx, { pushId }: { pushId: string }) {
  const [row] = await db.select().from(payments).where(eq(payments.mpesaTransactionId, pushId)).limit(1);
  return row ?? null;
}

export async function getPaymentByReceipt(db: DbOrTx, { receipt }: { receipt: string }) {
  const [row] = await db.select().from(payments).where(eq(payments.mpesaReceiptNumber, receipt)).limit(1);
  return row ?? null;
}

/** Fills in the receipt of a payment credited from an STK query alone, once the callback or paybill brings it. */
export async function fillPaymentReceipt(db: DbOrTx, { paymentId, receipt }: { paymentId: string; receipt: string }): Promise<boolean> {
  const rows = await db.update(payments).set({ mpesaReceiptNumber: receipt })
    .where(and(eq(payments.id, paymentId), or(isNull(payments.mpesaReceiptNumber), eq(payments.mpesaReceiptNumber, receipt))))
    .returning({ id: payments.id });
  return rows.length > 0;
}

/** Number of payments on a lease (tests and the bench check "exactly one payment"). */
export async function countLeasePayments(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(payments).where(eq(payments.leaseId, leaseId));
  return Number(row?.n ?? 0);
}

/**
 * A paybill payment on the lease that no push claims yet, of the same amount, since the push was created: the
 * same money as an STK push credited from the query alone, when its paybill confirmation came first.
 */
export async function findUnlinkedPaybillPayment(
  db: DbOrTx,
  { leaseId, amountCents, since, phone }: { leaseId: string; amountCents: number; since: Date; phone: string },
) {
  const [row] = await db
    .select({ id: payments.id, receipt: payments.mpesaReceiptNumber })
    .from(payments)
    .where(and(
      eq(payments.leaseId, leaseId), eq(payments.amountCents, amountCents), eq(payments.method, 'mpesa_paybill'), eq(payments.status, 'completed'),
      isNull(payments.mpesaTransactionId), gte(payments.paidAt, since), or(isNull(payments.payerPhone), eq(payments.payerPhone, phone)),
    ))
    .orderBy(payments.paidAt)
    .limit(1);
  return row ?? null;
}

export async function linkPaymentToPush(db: DbOrTx, { paymentId, pushId }: { paymentId: string; pushId: string }): Promise<void> {
  await db.update(payments).set({ mpesaTransactionId: pushId }).where(eq(payments.id, paymentId));
}
