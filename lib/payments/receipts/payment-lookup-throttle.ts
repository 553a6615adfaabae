import 'server-only';
import { RateLimiterDrizzle, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { limitersPerDatabase } from '@/lib/rate-limit/limiters-per-database';
import { AppError } from '@/lib/errors';

/**
 * "Find my payment" is throttled per user, in PostgreSQL (rate-limiter-flexible's Drizzle store, like sign-in): a
 * tenant may look codes up often enough to follow one payment, but cannot use Haven to probe receipts or to make it
 * query M-Pesa's Transaction Status in bulk — each code Haven has never heard of costs one Transaction Status query.
 */

export const LOOKUPS_PER_WINDOW = 20;
export const NEW_CODES_PER_WINDOW = 5;
const WINDOW_SECONDS = 15 * 60;
const NEW_CODES_WINDOW_SECONDS = 60 * 60;

const getLimiters = limitersPerDatabase((make) => ({
  lookups: make('payment-lookup', LOOKUPS_PER_WINDOW, WINDOW_SECONDS),
  newCodes: make('payment-lookup-new', NEW_CODES_PER_WINDOW, NEW_CODES_WINDOW_SECONDS),
}));

async function spend(limiter: RateLimiterDrizzle, key: string, message: (minutes: number) => string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    // rate-limiter-flexible rejects with its result when over the limit, with an Error when the store failed.
    if (rejection instanceof Error) throw rejection;
    const seconds = Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
    throw new AppError('rate_limited', message(Math.ceil(seconds / 60)), { details: { retryAfterSeconds: seconds } });
  }
}

/** One lookup by this user; refused with `rate_limited` past the allowance. */
export function spendPaymentLookup(db: Db, { userId }: { userId: string }): Promise<void> {
  return spend(getLimiters(db).lookups, userId, (m) => `You have looked up many M-Pesa codes in a short time. Try again in ${m} minute${m === 1 ? '' : 's'}.`);
}

/** One code Haven must ask M-Pesa about for this user. */
export function spendNewCodeQuery(db: Db, { userId }: { userId: string }): Promise<void> {
  return spend(getLimiters(db).newCodes, userId, (m) => `You have asked about several new M-Pesa codes this hour. Try again in ${m} minute${m === 1 ? '' : 's'}, or contact your agency.`);
}
