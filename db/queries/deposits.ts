import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { depositDisputes, depositEvidence, depositMovements, users } from '../schema';
import { isUuid } from '@/lib/validation/uuid';

/** Deposit settlement records beside the ledger's movements: evidence files and disputes. */

export async function getDepositMovement(db: DbOrTx, { movementId }: { movementId: string }) {
  if (!isUuid(movementId)) return null;
  const [row] = await db.select().from(depositMovements).where(eq(depositMovements.id, movementId)).limit(1);
  return row ?? null;
}

/** Deductions with whether a later adjustment withdrew them. */
export async function listDeductions(db: DbOrTx, { leaseId }: { leaseId: string }) {
  const withdrawn = sql<boolean>`exists (select 1 from deposit_movements w where w.corrects_id = "deposit_movements"."id")`;
  return db.select({ id: depositMovements.id, amountCents: depositMovements.amountCents, description: depositMovements.description, category: depositMovements.category, createdAt: depositMovements.createdAt, withdrawn })
    .from(depositMovements).where(and(eq(depositMovements.leaseId, leaseId), eq(depositMovements.kind, 'deduction'))).orderBy(asc(depositMovements.createdAt));
}

export async function insertEvidence(tx: Tx, row: typeof depositEvidence.$inferInsert) {
  const [inserted] = await tx.insert(depositEvidence).values(row).returning();
  return inserted!;
}

export async function listEvidence(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(depositEvidence).where(eq(depositEvidence.leaseId, leaseId)).orderBy(asc(depositEvidence.createdAt));
}

export async function getEvidence(db: DbOrTx, { evidenceId }: { evidenceId: string }) {
  if (!isUuid(evidenceId)) return null;
  const [row] = await db.select().from(depositEvidence).where(eq(depositEvidence.id, evidenceId)).limit(1);
  return row ?? null;
}

export async function insertDispute(tx: Tx, row: typeof depositDisputes.$inferInsert) {
  const [inserted] = await tx.insert(depositDisputes).values(row).returning();
  return inserted!;
}

export async function listDisputes(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select({ dispute: depositDisputes, raisedByName: users.name }).from(depositDisputes).innerJoin(users, eq(users.id, depositDisputes.raisedBy))
    .where(eq(depositDisputes.leaseId, leaseId)).orderBy(desc(depositDisputes.createdAt));
}

export async function getDispute(db: DbOrTx, { disputeId }: { disputeId: string }) {
  if (!isUuid(disputeId)) return null;
  const [row] = await db.select().from(depositDisputes).where(eq(depositDisputes.id, disputeId)).limit(1);
  return row ?? null;
}

export async function resolveDispute(tx: Tx, { disputeId, response, respondedBy, at }: { disputeId: string; response: string; respondedBy: string; at: Date }) {
  const [row] = await tx.update(depositDisputes).set({ response, respondedBy, resolvedAt: at })
    .where(and(eq(depositDisputes.id, disputeId), isNull(depositDisputes.resolvedAt))).returning();
  return row ?? null;
}

export async function countOpenDisputes(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(depositDisputes).where(and(eq(depositDisputes.leaseId, leaseId), isNull(depositDisputes.resolvedAt)));
  return Number(row?.n ?? 0);
}
