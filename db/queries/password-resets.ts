import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { passwordResetTokens, users } from '../schema';

export async function insertResetToken(db: DbOrTx, row: { userId: string; tokenHash: string; expiresAt: Date }) {
  const [inserted] = await db.insert(passwordResetTokens).values(row).returning();
  return inserted!;
}

/** An unused, unexpired token, locked so two tabs cannot both use it. */
export async function lockValidResetToken(db: DbOrTx, { tokenHash, now }: { tokenHash: string; now: Date }) {
  const [row] = await db.select().from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .limit(1).for('update');
  return row ?? null;
}

export async function findValidResetToken(db: DbOrTx, { tokenHash, now }: { tokenHash: string; now: Date }) {
  const [row] = await db.select({ id: passwordResetTokens.id }).from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now))).limit(1);
  return row ?? null;
}

/** Uses up every open token of the user: the one just used, and any older link still in an inbox. */
export async function useUpResetTokens(db: DbOrTx, { userId, now }: { userId: string; now: Date }): Promise<void> {
  await db.update(passwordResetTokens).set({ usedAt: now }).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}


export async function findUsersByPhone(db: DbOrTx, { phone }: { phone: string }) {
  return db.select().from(users).where(eq(users.phone, phone)).limit(5);
}
