import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimInboxRow,
  getInboxRow,
  INBOX_CLAIM_SECONDS,
  INBOX_MAX_FAILURES,
  insertInboxRow,
  listDeadLetterRows,
  requeueDeadLetterRow,
  retryDelaySeconds,
} from '@/db/queries/callback-inbox';
import { callbackInbox, rateLimitHits } from '@/db/schema';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import { setMpesaContextResolver } from '@/lib/payments/mpesa-context';
import { processDueCallbacks, processInboxRowById } from '@/lib/payments/process-inbox';
import { createStkWorld, waitForPush, type StkWorld } from './stk-support';

/** The callback inbox ends: claimed while processed, retried with back-off, dead-lettered after repeated failure. */

const SECRET = 'inbox-secret';
const HALIMA = '254758990011';
let w: StkWorld;

function stkBody(checkoutRequestId: string, resultCode = 1032) {
  return JSON.stringify({ Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: checkoutRequestId, ResultCode: resultCode, ResultDesc: 'Request cancelled by user' } } });
}

/** A push with an open prompt (Halima answers by hand), so that processing its callback needs the STK query. */
async function openPush() {
  await w.db.db.delete(rateLimitHits);
  await w.sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' });
  const { push } = await w.pay('halima', 300 + Math.floor(Math.random() * 500));
  await w.sandbox.control.waitForPrompt(HALIMA);
  return push;
}

const dueNow = (id: string) => w.db.db.update(callbackInbox).set({ nextAttemptAt: sql`now()` }).where(eq(callbackInbox.id, id));

beforeAll(async () => {
  w = await createStkWorld(SECRET, { sandboxEnv: { SANDBOX_PROMPT_TIMEOUT_MS: '60000' } });
}, 120_000);
afterAll(() => w?.stop());

describe('back-off', () => {
  it('waits a little for a callback whose request is not stored yet, and exponentially longer after each failure', () => {
    expect(retryDelaySeconds({ outcome: 'waiting', attempts: 1, failures: 0 })).toBe(2);
    expect(retryDelaySeconds({ outcome: 'waiting', attempts: 40, failures: 0 })).toBe(30);
    const failures = [1, 2, 3, 4, 8].map((n) => retryDelaySeconds({ outcome: 'error', attempts: n, failures: n }));
    expect(failures).toEqual([10, 20, 40, 80, 600]);
  });
});

describe('a row that always fails', () => {
  it('stops after INBOX_MAX_FAILURES attempts with its last error, is listed as dead-letter, and can be replayed', async () => {
    const push = await openPush();
    const row = await insertInboxRow(w.db.db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '127.0.0.1', body: stkBody(push.checkoutRequestId!) });
    // Daraja unreachable: the STK query that verifies the callback throws every time.
    const dead = createDarajaClient({ ...parseEnv({ MPESA_BASE_URL: 'http://127.0.0.1:9' }).mpesa, retry: { maxAttempts: 1 } });
    setMpesaContextResolver(async () => ({ ...w.mpesa, client: dead }));
    try {
      const delays: number[] = [];
      for (let attempt = 1; attempt <= INBOX_MAX_FAILURES; attempt += 1) {
        await dueNow(row.id);
        expect(await processDueCallbacks(w.db.db)).toBe(1);
        const after = (await getInboxRow(w.db.db, { id: row.id }))!;
        expect(after).toMatchObject({ attempts: attempt, failures: attempt, claimToken: null });
        delays.push(after.nextAttemptAt.getTime() - Date.now());
        if (attempt < INBOX_MAX_FAILURES) expect(after).toMatchObject({ outcome: 'error', processedAt: null });
      }
      // Each failure waited longer than the one before.
      expect(delays.slice(0, 4).every((d, i) => i === 0 || d > delays[i - 1]!)).toBe(true);
      const final = (await getInboxRow(w.db.db, { id: row.id }))!;
      expect(final.outcome).toBe('dead');
      expect(final.processedAt).not.toBeNull();
      expect(final.error).toMatch(/connect|ECONNREFUSED|fetch failed/i);
      await dueNow(row.id);
      expect(await processDueCallbacks(w.db.db)).toBe(0);
      expect((await listDeadLetterRows(w.db.db, { agencyId: push.agencyId })).map((r) => r.id)).toContain(row.id);
    } finally {
      setMpesaContextResolver(async () => w.mpesa);
    }

    // Replayed once Daraja is back: applied like any row.
    expect(await requeueDeadLetterRow(w.db.db, { id: row.id })).not.toBeNull();
    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
    await waitForPush(w.db.db, push.id);
    await processDueCallbacks(w.db.db);
    expect((await getInboxRow(w.db.db, { id: row.id }))!.outcome).toMatch(/applied|duplicate/);
  });
});

describe('a row being processed', () => {
  it('is not picked up again by the sweep, however long its processing takes', async () => {
    const push = await openPush();
    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
    await waitForPush(w.db.db, push.id);
    await w.receiver.settle();
    const row = await insertInboxRow(w.db.db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '127.0.0.1', body: stkBody(push.checkoutRequestId!) });
    // A slow processor: the STK query it makes takes 4 s to answer.
    await w.sandbox.control.addFault({ api: 'stk-query', kind: 'slow-ack', delayMs: 4_000 });
    const slow = processInboxRowById(w.db.db, { id: row.id });
    await new Promise((r) => setTimeout(r, 300));
    const claimed = (await getInboxRow(w.db.db, { id: row.id }))!;
    expect(claimed.claimToken).not.toBeNull();
    // Due, but claimed: the sweep leaves it alone.
    await dueNow(row.id);
    expect(await processDueCallbacks(w.db.db)).toBe(0);
    expect(await slow).toBe('duplicate');
    const done = (await getInboxRow(w.db.db, { id: row.id }))!;
    expect(done).toMatchObject({ outcome: 'duplicate', attempts: 1, claimToken: null });
    await w.sandbox.control.clearFaults();
  });

  it('is taken over once its claim is older than the claim lease (its worker died)', async () => {
    const push = await openPush();
    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
    await waitForPush(w.db.db, push.id);
    const row = await insertInboxRow(w.db.db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '127.0.0.1', body: stkBody(push.checkoutRequestId!) });
    const stale = await claimInboxRow(w.db.db, { id: row.id });
    expect(stale).not.toBeNull();
    await dueNow(row.id);
    expect(await processDueCallbacks(w.db.db)).toBe(0);
    await w.db.db.update(callbackInbox).set({ claimedAt: sql`now() - make_interval(secs => ${INBOX_CLAIM_SECONDS + 5})` }).where(eq(callbackInbox.id, row.id));
    expect(await processDueCallbacks(w.db.db)).toBe(1);
    expect((await getInboxRow(w.db.db, { id: row.id }))!).toMatchObject({ attempts: 2, processedAt: expect.any(Date) });
  });
});
