import { randomUUID } from 'node:crypto';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimInboxRow, finishInboxRow, getInboxRow, INBOX_CLAIM_SECONDS, insertInboxRows, type InboxRow } from '@/db/queries/callback-inbox';
import { callbackInbox, payments } from '@/db/schema';
import { startInboxWorker, type InboxWorker } from '@/lib/payments/inbox-worker';
import { bulkTag, createBulkLeases, type BulkLease } from '../support/bulk-leases';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * The inbox worker pool against real PostgreSQL and the sandbox. Callbacks are only stored by the stand-in routes
 * (processing paused, as intake does now); the pool applies them — paybill confirmations, then the Transaction
 * Status results that prove them, which is when money is credited.
 */

const DISTINCT = 800;
const CALLBACKS = 2_000;
const PAYERS = ['254711000101', '254711000102', '254711000103', '254711000104'];
let w: MpesaWorld;
let leases: BulkLease[];
let worker: InboxWorker | null = null;
const logged: string[] = [];

beforeAll(async () => {
  w = await createMpesaWorld({ prefix: 'haven_inbox_worker', sandboxEnv: { SANDBOX_RESULT_DELAY_MS: '20' } });
  w.receiver.pauseProcessing(true);
  leases = await createBulkLeases(w.db.db, { count: 100, tag: bulkTag() });
  for (const phone of PAYERS) await w.sandbox.control.setSubscriber(phone, { name: 'Bulk Payer', balance: 500_000_000, behaviour: 'auto-approve' });
  // What the worker logs (a failed row, a deadlock…) is kept for the assertions, and still printed.
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '));
    original(...args);
  });
}, 180_000);
afterEach(async () => {
  await worker?.stop();
  worker = null;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await w?.stop();
});

const confirmationsOf = (ids: string[]) => w.db.db.select().from(callbackInbox).where(inArray(callbackInbox.id, ids));
// Full concurrency whatever the event loop says: no request waits in this process, and concurrency is what could
// deadlock.
const startWorker = () => (worker = startInboxWorker({ db: w.db.db, concurrency: 4, pollMs: 100, maxLagMs: Number.POSITIVE_INFINITY }));

/** Pays `count` distinct paybill payments through the sandbox; resolves to the inbox rows of their confirmations. */
async function payDistinct(count: number, firstAmountKes: number): Promise<InboxRow[]> {
  const before = w.receiver.stored.length;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const lease = leases[i % leases.length]!;
        await w.mpesa.client.simulateC2b({ amountCents: (firstAmountKes + i) * 100, msisdn: PAYERS[i % PAYERS.length]!, billRefNumber: lease.accountReference });
      }
    }),
  );
  const ids = await eventually(
    async () => w.receiver.stored.slice(before).filter((s) => s.kind === 'c2b-confirmation').map((s) => s.id),
    (found) => found.length === count,
    { timeoutMs: 120_000, what: `${count} paybill confirmations stored` },
  );
  return confirmationsOf(ids);
}

async function paymentsFor(receipts: string[]) {
  return w.db.db.select({ receipt: payments.mpesaReceiptNumber, leaseId: payments.leaseId, amountCents: payments.amountCents }).from(payments).where(inArray(payments.mpesaReceiptNumber, receipts));
}

describe('the inbox worker pool', () => {
  it('applies a burst of 2,000 callbacks with duplicates exactly once each, without failures or deadlocks', async () => {
    const originals = await payDistinct(DISTINCT, 1_000);
    const receipts = originals.map((r) => (JSON.parse(r.body) as { TransID: string }).TransID);
    // Daraja delivering the same confirmation again (and again): copies stored as their own rows, shuffled in.
    const copies = Array.from({ length: CALLBACKS - DISTINCT }, (_, i) => {
      const original = originals[i % originals.length]!;
      return { id: randomUUID(), kind: original.kind, path: original.path, headers: original.headers, sourceAddress: original.sourceAddress, body: original.body };
    });
    await insertInboxRows(w.db.db, copies);
    const burst = [...originals.map((r) => r.id), ...copies.map((c) => c.id)];
    expect(burst).toHaveLength(CALLBACKS);
    const [deadlocksBefore] = (await w.db.db.execute<{ n: number }>(sql`select deadlocks::int as n from pg_stat_database where datname = current_database()`)) as unknown as { n: number }[];

    startWorker();
    const credited = await eventually(() => paymentsFor(receipts), (rows) => rows.length >= DISTINCT, { timeoutMs: 600_000, what: `${DISTINCT} payments credited` });
    await eventually(
      async () => (await w.db.db.select({ n: sql<number>`count(*)::int` }).from(callbackInbox).where(isNull(callbackInbox.processedAt)))[0]!.n,
      (n) => n === 0,
      { timeoutMs: 120_000, what: 'every stored callback finished' },
    );
    await worker!.idle();

    // Exactly once: one payment per receipt, each on the lease its account names, for the amount paid.
    expect(credited).toHaveLength(DISTINCT);
    expect(new Set(credited.map((p) => p.receipt)).size).toBe(DISTINCT);
    const leaseByReference = new Map(leases.map((l) => [l.accountReference, l.leaseId]));
    for (const original of originals) {
      const body = JSON.parse(original.body) as { TransID: string; BillRefNumber: string; TransAmount: string };
      expect(credited.find((p) => p.receipt === body.TransID)).toMatchObject({ leaseId: leaseByReference.get(body.BillRefNumber), amountCents: Math.round(Number(body.TransAmount) * 100) });
    }
    const rows = await confirmationsOf(burst);
    const outcomes = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.outcome ?? 'none']: (acc[r.outcome ?? 'none'] ?? 0) + 1 }), {});
    expect(outcomes).toEqual({ applied: DISTINCT, duplicate: CALLBACKS - DISTINCT });
    // Nothing failed on the way (a deadlock would be a failure, retried later), and PostgreSQL saw no deadlock.
    const failed = await w.db.db.select({ id: callbackInbox.id, error: callbackInbox.error }).from(callbackInbox).where(sql`${callbackInbox.failures} > 0`);
    expect(failed).toEqual([]);
    expect(logged.filter((line) => /deadlock/i.test(line))).toEqual([]);
    const [deadlocksAfter] = (await w.db.db.execute<{ n: number }>(sql`select deadlocks::int as n from pg_stat_database where datname = current_database()`)) as unknown as { n: number }[];
    expect(deadlocksAfter!.n).toBe(deadlocksBefore!.n);
  }, 900_000);

  it('leaves a row under a live claim alone, and applies it once after that claim expires (its worker died)', async () => {
    const [row] = await payDistinct(1, 90_000);
    const receipt = (JSON.parse(row!.body) as { TransID: string }).TransID;
    // A worker took the row and was killed mid-row: the claim stays, nothing finishes it.
    const dead = await claimInboxRow(w.db.db, { id: row!.id });
    expect(dead).not.toBeNull();
    startWorker();
    await worker!.idle();
    expect(await getInboxRow(w.db.db, { id: row!.id })).toMatchObject({ claimToken: dead!.claimToken, processedAt: null, attempts: 1 });
    expect(await paymentsFor([receipt])).toEqual([]);

    await w.db.db.update(callbackInbox).set({ claimedAt: sql`now() - make_interval(secs => ${INBOX_CLAIM_SECONDS + 5})` }).where(eq(callbackInbox.id, row!.id));
    worker!.wake();
    const credited = await eventually(() => paymentsFor([receipt]), (rows) => rows.length > 0, { timeoutMs: 120_000, what: 'the taken-over row credited' });
    await worker!.idle();
    expect(credited).toHaveLength(1);
    expect(await getInboxRow(w.db.db, { id: row!.id })).toMatchObject({ outcome: 'applied', attempts: 2, claimToken: null, processedAt: expect.any(Date) });
    // The dead worker's late answer changes nothing: its claim token is no longer the row's.
    expect(await finishInboxRow(w.db.db, { row: dead!, outcome: 'error', error: 'late answer from a dead worker' })).toBe(false);
    expect(await getInboxRow(w.db.db, { id: row!.id })).toMatchObject({ outcome: 'applied', error: null });
    expect(await paymentsFor([receipt])).toHaveLength(1);
  }, 300_000);
});
