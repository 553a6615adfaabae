import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { idempotencyKeys, type IdempotencyKeyRow } from '../schema';

type KeyRef = { userId: string; key: string };

/** Claims the key for a first request; false when a row for it exists (running, done, or not yet pruned). */
export async function claimIdempotencyKey(db: DbOrTx, { userId, key, requestHash }: KeyRef & { requestHash: string }): Promise<boolean> {
  const rows = await db.insert(idempotencyKeys).values({ userId, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function getIdempotencyKey(db: DbOrTx, { userId, key }: KeyRef): Promise<IdempotencyKeyRow | null> {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).limit(1);
  return row ?? null;
}

export async function completeIdempotencyKey(db: DbOrTx, { userId, key, statusCode, responseBody }: KeyRef & { statusCode: number; responseBody: string }): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ statusCode, responseBody, completedAt: new Date() })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Gives a key back (the request failed before anything moved), so a retry with it runs again. */
export async function releaseIdempotencyKey(db: DbOrTx, { userId, key }: KeyRef): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Forgets keys older than the window: one caller's stale key, or (userId omitted) every stale key. */
export async function pruneIdempotencyKeys(db: DbOrTx, { olderThanSeconds, userId, key }: { olderThanSeconds: number; userId?: string; key?: string }): Promise<void> {
  const stale = lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`);
  await db.delete(idempotencyKeys).where(userId && key ? and(stale, eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)) : stale);
}
