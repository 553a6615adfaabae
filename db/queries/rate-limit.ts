import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rateLimitHits, rateLimits } from '../schema';

/** Sliding-window counter shared by every app instance through Postgres (used by the STK push limits). */
export async function countRecentHits(db: DbOrTx, { key, windowSeconds }: { key: string; windowSeconds: number }): Promise<number> {
  const since = new Date(Date.now() - windowSeconds * 1000);
  const [row] = await db.select({ n: count() }).from(rateLimitHits).where(and(eq(rateLimitHits.key, key), gte(rateLimitHits.hitAt, since)));
  return row?.n ?? 0;
}

export async function recordHit(db: DbOrTx, { key }: { key: string }): Promise<void> {
  await db.insert(rateLimitHits).values({ key });
}

export async function clearHits(db: DbOrTx, { key }: { key: string }): Promise<void> {
  await db.delete(rateLimitHits).where(eq(rateLimitHits.key, key));
}

/**
 * Deletes hits older than any window that counts them, and rate-limiter rows that expired more than
 * `olderThanSeconds` ago. Idempotent, so several instances may run it at once.
 */
export async function pruneRateLimits(db: DbOrTx, { olderThanSeconds }: { olderThanSeconds: number }): Promise<void> {
  const before = new Date(Date.now() - olderThanSeconds * 1000);
  await db.delete(rateLimitHits).where(lt(rateLimitHits.hitAt, before));
  await db.delete(rateLimits).where(lt(rateLimits.expire, before));
}
