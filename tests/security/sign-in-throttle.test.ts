import { like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRateLimits } from '@/db/queries/rate-limit';
import { rateLimits } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { authenticateUser } from '@/lib/auth/authenticate';
import {
  ACCOUNT_SLOW_AFTER,
  ACCOUNT_SLOW_INTERVAL_SECONDS,
  ADDRESS_MAX_FAILURES,
  delayAfterFailures,
  FIRST_DELAY_SECONDS,
  FREE_FAILURES,
  MAX_DELAY_SECONDS,
} from '@/lib/auth/sign-in-throttle';
import { createTestDatabase, EMBEDDED_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-database';

const PASSWORD = 'haven-demo';

describe('growing delays', () => {
  it('doubles from the first delay after the free failures, up to the cap', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => delayAfterFailures(i))).toEqual(new Array(FREE_FAILURES).fill(0));
    expect(delayAfterFailures(FREE_FAILURES)).toBe(FIRST_DELAY_SECONDS);
    expect(delayAfterFailures(FREE_FAILURES + 1)).toBe(FIRST_DELAY_SECONDS * 2);
    expect(delayAfterFailures(FREE_FAILURES + 20)).toBe(MAX_DELAY_SECONDS);
  });
});

// rate-limiter-flexible's Drizzle store, on both databases Haven supports.
describe.each([
  { mode: 'PostgreSQL', embedded: false },
  { mode: 'embedded PGlite', embedded: true },
])('sign-in throttling on $mode (issue 14, item 5)', ({ embedded }) => {
  let t: TestDatabase;
  const attempt = (email: string, address: string | null, password = 'wrong-password') => authenticateUser(t.db, { email, password, address });

  /** Lets the current wait of every (account, address) pair run out, as time passing would. */
  const expireWaits = () => t.db.update(rateLimits).set({ expire: sql`now() - interval '1 second'` }).where(like(rateLimits.key, 'signin-wait:%'));

  // Migrating and seeding PGlite takes a while on a busy machine.
  beforeAll(async () => {
    t = await createTestDatabase({ embedded, prefix: 'haven_sec_throttle' });
    await seedDemoData(t.db);
  }, EMBEDDED_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await t?.drop();
  }, EMBEDDED_SETUP_TIMEOUT_MS);

  it('delays an attacker’s address with growing waits while the real user gets in from elsewhere', { timeout: 120_000 }, async () => {
    const email = 'tenant@example.com';
    expect((await attempt(email, '10.1.0.1', PASSWORD)).ok).toBe(true); // the usual address
    for (let i = 0; i < FREE_FAILURES; i++) expect(await attempt(email, '203.0.113.5')).toEqual({ ok: false, reason: 'invalid' });

    // The attacker's address must wait, even with the right password …
    const waiting = await attempt(email, '203.0.113.5', PASSWORD);
    expect(waiting).toMatchObject({ ok: false, reason: 'throttled' });
    expect(waiting.ok === false && waiting.reason === 'throttled' ? waiting.retryAfterSeconds : 0).toBeGreaterThan(FIRST_DELAY_SECONDS - 3);
    // … and each further failure doubles the wait.
    await expireWaits();
    expect(await attempt(email, '203.0.113.5')).toEqual({ ok: false, reason: 'invalid' });
    const longer = await attempt(email, '203.0.113.5');
    expect(longer.ok === false && longer.reason === 'throttled' ? longer.retryAfterSeconds : 0).toBeGreaterThan(FIRST_DELAY_SECONDS * 2 - 3);

    // The real user, from their usual address and from a new one, is not locked out.
    expect((await attempt(email, '10.1.0.1', PASSWORD)).ok).toBe(true);
    expect((await attempt(email, '198.51.100.20', PASSWORD)).ok).toBe(true);
  });

  it('slows guessing of one account from many addresses without locking it, and never slows the usual address', { timeout: 120_000 }, async () => {
    const email = 'landlord@example.com';
    expect((await attempt(email, '10.1.0.2', PASSWORD)).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_SLOW_AFTER; i++) expect((await attempt(email, `203.0.113.${100 + i}`)).ok).toBe(false);

    // New addresses now share one attempt per interval: the first gets through (and fails), the next must wait.
    expect(await attempt(email, '203.0.113.200')).toEqual({ ok: false, reason: 'invalid' });
    const slowed = await attempt(email, '203.0.113.201', PASSWORD);
    expect(slowed).toMatchObject({ ok: false, reason: 'throttled' });
    expect(slowed.ok === false && slowed.reason === 'throttled' ? slowed.retryAfterSeconds : 0).toBeLessThanOrEqual(ACCOUNT_SLOW_INTERVAL_SECONDS);
    // The owner at their usual address is never slowed by it.
    expect((await attempt(email, '10.1.0.2', PASSWORD)).ok).toBe(true);
  });

  it('blocks one address trying many accounts, except for people who usually sign in from it', { timeout: 180_000 }, async () => {
    const shared = '192.0.2.77';
    expect((await attempt('admin@example.com', shared, PASSWORD)).ok).toBe(true);
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) expect((await attempt(`nobody${i}@example.com`, shared)).ok).toBe(false);
    expect(await attempt('david@example.com', shared, PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await attempt('david@example.com', '192.0.2.78', PASSWORD)).ok).toBe(true);
    expect((await attempt('admin@example.com', shared, PASSWORD)).ok).toBe(true);
  });

  it('keeps no email in the table, and prunes what has expired', async () => {
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes('@'))).toBe(false);
    await t.db.update(rateLimits).set({ expire: sql`now() - interval '2 days'` });
    await pruneRateLimits(t.db, { olderThanSeconds: 24 * 3600 });
    expect(await t.db.select().from(rateLimits)).toEqual([]);
  });
});
