import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { idempotencyKeys, mpesaB2cTransactions } from '@/db/schema';
import { hashIdempotentRequest, runIdempotently } from '@/lib/api/idempotency';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * `Idempotency-Key` (lib/api/idempotency.ts) against a real database and sandbox: concurrent duplicates run the
 * payout once and get the same answer; another request under the key is refused; refusals give the key back;
 * an unexpected failure is kept (a payout must not be sent twice on a guess); a key lasts 24 hours.
 */

let w: MpesaWorld;
let db: Db;
let admin: Caller;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const hashOf = (body: unknown) => hashIdempotentRequest({ method: 'POST', pathname: '/api/v1/mpesa/b2c', body: JSON.stringify(body) });

/** What the b2c route does under the key, with the write-up's body. */
function payout(key: string, body: Record<string, unknown>) {
  return runIdempotently(db, { userId: admin.id, key, requestHash: hashOf(body) }, async () => {
    const { payout: row, created } = await requestPayout(db, { caller: admin, input: payoutRequestSchema.parse(body) });
    return json(created ? 201 : 200, { payout: { id: row.id, status: row.status } });
  });
}

beforeAll(async () => {
  w = await createMpesaWorld({ secret: 'idempotency-secret', prefix: 'haven_idempotency' });
  db = w.db.db;
  admin = w.callers.admin!;
}, 120_000);
afterAll(() => w?.stop());

describe('Idempotency-Key', () => {
  it('concurrent duplicates move money once and all get the first answer', async () => {
    const phone = '254711223344';
    const before = await w.sandbox.control.subscriber(phone);
    const body = { phoneNumber: phone, amount: 50, remarks: 'Idempotent refund', occasion: 'Refund' };
    const responses = await Promise.all([1, 2, 3, 4].map(() => payout('refund-key-0001', body)));
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(texts).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    const rows = await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.remarks, 'Idempotent refund'));
    expect(rows).toHaveLength(1);
    // The sandbox paid the phone once.
    const after = await eventually(() => w.sandbox.control.subscriber(phone), (s) => s.balanceCents !== before.balanceCents);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await w.sandbox.control.subscriber(phone)).balanceCents).toBe(after.balanceCents);
    expect(after.balanceCents - before.balanceCents).toBe(5_000);
    // A later repeat is a replay too.
    const again = await payout('refund-key-0001', body);
    expect(await again.text()).toBe(texts[0]);
  });

  it('refuses the same key with another body (422), and the same key is another person’s own', async () => {
    const body = { phoneNumber: '254722000112', amount: 60, remarks: 'Key reuse', occasion: 'Refund' };
    await payout('reuse-key-0001', body);
    await expect(payout('reuse-key-0001', { ...body, amount: 61 })).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // The same JSON spaced differently or with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(hashOf(reordered)).toBe(hashOf(body));
    const landlord = w.callers.landlord!;
    const other = await runIdempotently(db, { userId: landlord.id, key: 'reuse-key-0001', requestHash: 'x' }, async () => json(200, { mine: true }));
    expect(await other.json()).toEqual({ mine: true });
  });

  it('gives the key back after a refusal, so a corrected retry with it runs', async () => {
    let runs = 0;
    const refuse = () => runIdempotently(db, { userId: admin.id, key: 'refused-0001', requestHash: 'h' }, async () => {
      runs += 1;
      throw new AppError('payment_provider_busy', 'M-Pesa is busy');
    });
    await expect(refuse()).rejects.toMatchObject({ status: 503 });
    await expect(refuse()).rejects.toMatchObject({ status: 503 });
    expect(runs).toBe(2);
    const ok = await runIdempotently(db, { userId: admin.id, key: 'refused-0001', requestHash: 'h' }, async () => json(201, { ok: true }));
    expect(ok.status).toBe(201);
  });

  it('keeps an unexpected failure: the repeat is told, not run again', async () => {
    let runs = 0;
    const crash = () => runIdempotently(db, { userId: admin.id, key: 'crashed-0001', requestHash: 'h' }, async () => {
      runs += 1;
      throw new Error('connection reset after sending');
    });
    await expect(crash()).rejects.toThrow('connection reset');
    const replay = await crash();
    expect(replay.status).toBe(500);
    expect(runs).toBe(1);
  });

  it('answers 409 to a duplicate while the first is still running, once its wait is over', async () => {
    let release: () => void = () => {};
    const first = runIdempotently(db, { userId: admin.id, key: 'slow-0001', requestHash: 'h' }, () => new Promise<Response>((resolve) => { release = () => resolve(json(201, { first: true })); }));
    await eventually(() => db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'slow-0001')), (rows) => rows.length === 1);
    await expect(runIdempotently(db, { userId: admin.id, key: 'slow-0001', requestHash: 'h', waitMs: 300 }, async () => json(201, { second: true }))).rejects.toMatchObject({ status: 409 });
    release();
    expect(await (await first).json()).toEqual({ first: true });
  });

  it('forgets a key after 24 hours', async () => {
    await runIdempotently(db, { userId: admin.id, key: 'old-0001', requestHash: 'h' }, async () => json(201, { n: 1 }));
    await db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyKeys.key, 'old-0001'));
    const later = await runIdempotently(db, { userId: admin.id, key: 'old-0001', requestHash: 'other' }, async () => json(201, { n: 2 }));
    expect(await later.json()).toEqual({ n: 2 });
  });
});
