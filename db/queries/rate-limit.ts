import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { rateLimitHits } from '../schema';

/** Sliding-window counter shared by every app instance through Postgres. */
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

/** Oldest hit still inside the window, to tell a throttled person when to try again. */
export async function pruneOldHits(db: DbOrTx, { olderThanSeconds }: { olderThanSeconds: number }): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.hitAt, new Date(Date.now() - olderThanSeconds * 1000)));
}
