import 'server-only';
import { createHash } from 'node:crypto';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { limitersPerDatabase } from '@/lib/rate-limit/limiters-per-database';

/**
 * Password guessing is slowed without letting anyone lock a real user out (OWASP ASVS 2.2.1):
 *
 * - per (account, address): after FREE_FAILURES consecutive failures, each further attempt from that address must
 *   wait, 15 s doubling per failure up to 15 minutes; a success resets it.
 * - per account, from any address: after ACCOUNT_SLOW_AFTER failures in 15 minutes, addresses the account has not
 *   signed in from before share one attempt per ACCOUNT_SLOW_INTERVAL seconds: guessing from many addresses
 *   crawls, and nothing is locked.
 * - per address, across accounts: ADDRESS_MAX_FAILURES failures in 15 minutes block the address for 15 minutes
 *   (one machine trying many accounts).
 * - the account's usual addresses (a successful sign-in in the last 90 days) skip the account and address limits,
 *   so an attack elsewhere never keeps the real user out.
 *
 * Counters live in PostgreSQL through rate-limiter-flexible's Drizzle store (shared by every app instance; the
 * same code on PGlite). Only failed password checks are counted; a throttled attempt checks no password.
 */

export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 15;
export const MAX_DELAY_SECONDS = 15 * 60;
export const ACCOUNT_SLOW_AFTER = 10;
export const ACCOUNT_SLOW_INTERVAL_SECONDS = 30;
export const ADDRESS_MAX_FAILURES = 30;
const WINDOW_SECONDS = 15 * 60;
const CONSECUTIVE_WINDOW_SECONDS = 24 * 3600;
const KNOWN_ADDRESS_SECONDS = 90 * 24 * 3600;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds to wait after the n-th consecutive failure from one address (0 while under the free allowance). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

const getLimiters = limitersPerDatabase((make) => ({
  consecutive: make('signin-consecutive', 1_000_000, CONSECUTIVE_WINDOW_SECONDS),
  wait: make('signin-wait', 1, MAX_DELAY_SECONDS),
  account: make('signin-account', ACCOUNT_SLOW_AFTER, WINDOW_SECONDS),
  accountGate: make('signin-account-gate', 1, ACCOUNT_SLOW_INTERVAL_SECONDS),
  address: make('signin-address', ADDRESS_MAX_FAILURES, WINDOW_SECONDS),
  known: make('signin-known', 1_000_000, KNOWN_ADDRESS_SECONDS),
}));

// Emails are hashed: people type passwords into the email field, and the table should not collect them.
const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('base64url').slice(0, 32);
const addressKey = (address: string | null) => address ?? 'unknown';

const secondsUntil = (res: RateLimiterRes | null) => Math.max(1, Math.ceil((res?.msBeforeNext ?? 1000) / 1000));

/** May this attempt check a password? Spends the account's slow-mode slot when it applies. */
export async function checkSignInThrottle(db: Db, { email, address }: { email: string; address: string | null }): Promise<ThrottleDecision> {
  const l = getLimiters(db);
  const account = accountKey(email);
  const pair = `${account}|${addressKey(address)}`;
  const [wait, known, accountFailures, addressFailures] = await Promise.all([
    l.wait.get(pair),
    address ? l.known.get(pair) : Promise.resolve(null),
    l.account.get(account),
    l.address.get(addressKey(address)),
  ]);
  // `block` stores points + 1, so a waiting pair has 2 points on a 1-point limiter.
  if (wait !== null && wait.consumedPoints > 1) return { allowed: false, retryAfterSeconds: secondsUntil(wait) };
  if (known) return { allowed: true };
  if (addressFailures !== null && addressFailures.consumedPoints >= ADDRESS_MAX_FAILURES) {
    return { allowed: false, retryAfterSeconds: secondsUntil(addressFailures) };
  }
  if (accountFailures !== null && accountFailures.consumedPoints >= ACCOUNT_SLOW_AFTER) {
    try {
      await l.accountGate.consume(account);
    } catch (rejection) {
      // rate-limiter-flexible rejects with the limiter's result when over the limit, with an Error when the store failed.
      if (rejection instanceof Error) throw rejection;
      return { allowed: false, retryAfterSeconds: secondsUntil(rejection as RateLimiterRes) };
    }
  }
  return { allowed: true };
}

export async function recordSignInFailure(db: Db, { email, address }: { email: string; address: string | null }): Promise<void> {
  const l = getLimiters(db);
  const account = accountKey(email);
  const pair = `${account}|${addressKey(address)}`;
  const [consecutive] = await Promise.all([l.consecutive.penalty(pair), l.account.penalty(account), l.address.penalty(addressKey(address))]);
  const delay = delayAfterFailures(consecutive.consumedPoints);
  if (delay > 0) await l.wait.block(pair, delay);
}

export async function recordSignInSuccess(db: Db, { email, address }: { email: string; address: string | null }): Promise<void> {
  const l = getLimiters(db);
  const account = accountKey(email);
  const pair = `${account}|${addressKey(address)}`;
  await Promise.all([l.consecutive.delete(pair), l.wait.delete(pair), address ? l.known.set(pair, 1, KNOWN_ADDRESS_SECONDS) : Promise.resolve()]);
}
