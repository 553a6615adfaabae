import { eq } from 'drizzle-orm';
import { generateReceiptCode } from '@/lib/receipts/receipt-code';
import type { DbOrTx } from '../client';
import { agencies, leases, payments, properties, receiptCodes, units } from '../schema';
import { paymentColumns, paymentTenant } from './payments';

/** A payment's public receipt code, made on first need (in the crediting transaction, or when an older receipt is opened). */
export async function ensureReceiptCode(db: DbOrTx, { paymentId }: { paymentId: string }): Promise<string> {
  const [existing] = await db.select({ code: receiptCodes.code }).from(receiptCodes).where(eq(receiptCodes.paymentId, paymentId)).limit(1);
  if (existing) return existing.code;
  // A collision of two random codes is astronomically rare; the unique index would refuse it and we draw again.
  for (let i = 0; i < 5; i++) {
    const [row] = await db.insert(receiptCodes).values({ paymentId, code: generateReceiptCode() }).onConflictDoNothing().returning({ code: receiptCodes.code });
    if (row) return row.code;
    const [raced] = await db.select({ code: receiptCodes.code }).from(receiptCodes).where(eq(receiptCodes.paymentId, paymentId)).limit(1);
    if (raced) return raced.code;
  }
  throw new Error('Could not allocate a receipt code');
}

/** What the public verification page may show: nothing about the tenant or the home. */
export async function findReceiptByCode(db: DbOrTx, { code }: { code: string }) {
  const [row] = await db
    .select({
      code: receiptCodes.code,
      agencyName: agencies.name,
      amountCents: payments.amountCents,
      paidAt: payments.paidAt,
      method: payments.method,
      mpesaReceiptNumber: payments.mpesaReceiptNumber,
      status: payments.status,
      reversedAt: payments.reversedAt,
    })
    .from(receiptCodes)
    .innerJoin(payments, eq(payments.id, receiptCodes.paymentId))
    .innerJoin(agencies, eq(agencies.id, payments.agencyId))
    .where(eq(receiptCodes.code, code))
    .limit(1);
  return row ?? null;
}

/** Everything a receipt shows, unscoped: for the worker and the PDF, after the caller's access was checked. */
export async function getReceiptSource(db: DbOrTx, { paymentId }: { paymentId: string }) {
  const [row] = await db
    .select({
      ...paymentColumns,
      agencyId: payments.agencyId,
      agencyName: agencies.name,
      paybillShortcode: agencies.paybillShortcode,
      tenantId: paymentTenant.id,
    })
    .from(payments)
    .innerJoin(agencies, eq(agencies.id, payments.agencyId))
    .innerJoin(leases, eq(leases.id, payments.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(paymentTenant, eq(paymentTenant.id, leases.tenantId))
    .where(eq(payments.id, paymentId))
    .limit(1);
  return row ?? null;
}
