import 'server-only';
import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { rateLimits } from '@/db/schema';

export type MakeLimiter = (keyPrefix: string, points: number, durationSeconds: number) => RateLimiterDrizzle;

/**
 * A set of Postgres-backed limiters, built once per database: limiters hold no state of their own (it is all in the
 * `rate_limits` table), so one set per database is enough. Expired rows are pruned by the sweep (`pruneRateLimits`),
 * once for all limiters, not by a timer in each.
 */
export function limitersPerDatabase<T>(build: (make: MakeLimiter) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let limiters = byDb.get(db);
    if (!limiters) {
      limiters = build((keyPrefix, points, duration) => new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, points, duration, clearExpiredByTimeout: false }));
      byDb.set(db, limiters);
    }
    return limiters;
  };
}
