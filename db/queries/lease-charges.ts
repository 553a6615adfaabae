import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { charges, meterReadings, payments, recurringCharges } from '../schema';
import { isUuid } from '@/lib/validation/uuid';

/** Recurring charges and meter readings of a lease (their ledger charges are written by the ledger). */

export async function listRecurringCharges(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(recurringCharges).where(eq(recurringCharges.leaseId, leaseId)).orderBy(recurringCharges.createdAt);
}

export async function getRecurringCharge(db: DbOrTx, { recurringChargeId }: { recurringChargeId: string }) {
  const [row] = await db.select().from(recurringCharges).where(eq(recurringCharges.id, recurringChargeId)).limit(1);
  return row ?? null;
}

export async function insertRecurringCharge(tx: Tx, row: typeof recurringCharges.$inferInsert) {
  const [inserted] = await tx.insert(recurringCharges).values(row).returning();
  return inserted!;
}

export async function setRecurringChargeEnd(tx: Tx, { recurringChargeId, endPeriod }: { recurringChargeId: string; endPeriod: string }) {
  await tx.update(recurringCharges).set({ endPeriod }).where(eq(recurringCharges.id, recurringChargeId));
}

export async function getLastMeterReading(db: DbOrTx, { recurringChargeId }: { recurringChargeId: string }) {
  const [row] = await db.select().from(meterReadings).where(eq(meterReadings.recurringChargeId, recurringChargeId)).orderBy(desc(meterReadings.period)).limit(1);
  return row ?? null;
}

export async function insertMeterReading(tx: Tx, row: typeof meterReadings.$inferInsert) {
  const [inserted] = await tx.insert(meterReadings).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function listMeterReadings(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(meterReadings).where(eq(meterReadings.leaseId, leaseId)).orderBy(desc(meterReadings.period));
}

/** A charge with its lease, for scoping a credit note. */
export async function getCharge(db: DbOrTx, { chargeId }: { chargeId: string }) {
  if (!isUuid(chargeId)) return null;
  const [row] = await db.select().from(charges).where(eq(charges.id, chargeId)).limit(1);
  return row ?? null;
}

export async function getPayment(db: DbOrTx, { paymentId }: { paymentId: string }) {
  if (!isUuid(paymentId)) return null;
  const [row] = await db.select().from(payments).where(and(eq(payments.id, paymentId))).limit(1);
  return row ?? null;
}
