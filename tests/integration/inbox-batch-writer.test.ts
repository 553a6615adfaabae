import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackInbox } from '@/db/schema';
import { createInboxBatchWriter } from '@/lib/payments/inbox-batch-writer';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Intake's batched store: callbacks arriving together share a statement, and each caller learns its own row. */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_inbox_batch' });
});
afterAll(() => t?.drop());

const row = (n: number, body = `{"n":${n}}`) => ({ kind: 'stk' as const, path: '/api/v1/mpesa/callback/:secret', headers: { n: String(n) }, sourceAddress: '127.0.0.1', body });

describe('the inbox batch writer', () => {
  it('stores a burst in few statements, each caller getting the id of its own row', async () => {
    let statements = 0;
    const writer = createInboxBatchWriter({ db: async () => (statements++, t.db), maxInFlight: 2 });
    const ids = await Promise.all(Array.from({ length: 120 }, (_, n) => writer.store(row(n))));
    expect(new Set(ids).size).toBe(120);
    expect(statements).toBeLessThan(120 / 2);
    const stored = await t.db.select({ id: callbackInbox.id, body: callbackInbox.body }).from(callbackInbox).where(inArray(callbackInbox.id, ids));
    const bodyById = new Map(stored.map((r) => [r.id, r.body]));
    ids.forEach((id, n) => expect(bodyById.get(id)).toBe(`{"n":${n}}`));
  });

  it('keeps the rest of a batch when the database refuses one row of it', async () => {
    const writer = createInboxBatchWriter({ db: async () => t.db, maxInFlight: 1 });
    // A raw NUL is refused by PostgreSQL text (intake replaces it before storing; this writer is the last line).
    const results = await Promise.allSettled([writer.store(row(1)), writer.store(row(2, `bad${String.fromCodePoint(0)}`)), writer.store(row(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(await t.db.select({ id: callbackInbox.id }).from(callbackInbox).where(inArray(callbackInbox.id, ids))).toHaveLength(2);
  });
});
