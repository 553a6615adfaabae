import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { parseReversalResult, parseTransactionStatusResult } from '@/lib/mpesa/callbacks';
import { createDarajaClient } from '@/lib/mpesa/client';
import { createMemoryTokenStore } from '@/lib/mpesa/token-store';
import { startCallbackListener, type CallbackListener } from '../support/callback-listener';
import { sandboxClientConfig } from '../support/daraja-test-config';
import { SANDBOX_DEMO, startSandbox, type SandboxHandle } from '../support/sandbox-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 12 item 7: the demo seed's payments are real payments in the sandbox's world. The database is seeded as if
 * 75 days ago (a dev database outlives sandbox restarts), the sandbox starts today, and still knows every receipt.
 */

const SEEDED_AT = new Date(Date.now() - 75 * 24 * 3600_000);
let db: TestDatabase;
let sandbox: SandboxHandle;
let listener: CallbackListener;
let seeded: (typeof payments.$inferSelect)[];

beforeAll(async () => {
  [db, sandbox, listener] = await Promise.all([createTestDatabase({ prefix: 'haven_seeded' }), startSandbox(), startCallbackListener()]);
  expect(await seedDemoData(db.db, { now: SEEDED_AT })).toBe(true);
  seeded = await db.db.select().from(payments);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), listener?.close(), db?.drop()]);
});

const client = () => createDarajaClient(sandboxClientConfig(sandbox), { tokenStore: createMemoryTokenStore() });
const urls = () => ({ resultUrl: `${listener.url}/result`, queueTimeoutUrl: `${listener.url}/timeout` });

describe('seeded demo payments', () => {
  it('are all at least 48 hours older than the seed (never inside a Pull window around it)', () => {
    expect(seeded.length).toBeGreaterThan(30);
    for (const p of seeded) expect(SEEDED_AT.getTime() - p.paidAt.getTime()).toBeGreaterThan(48 * 3600_000);
    expect(new Set(seeded.map((p) => p.mpesaReceiptNumber)).size).toBe(seeded.length);
  });

  it('Transaction Status answers 0 for seeded STK and paybill receipts, with the right amount and payer', async () => {
    const daraja = client();
    for (const method of ['mpesa_stk', 'mpesa_paybill'] as const) {
      const p = seeded.find((x) => x.method === method)!;
      const ack = await daraja.queryTransactionStatus({ transactionId: p.mpesaReceiptNumber!, remarks: 'Seed check', ...urls() });
      const got = await listener.waitFor((c) => c.body.includes(ack.conversationId));
      expect(parseTransactionStatusResult(got.body)).toMatchObject({
        resultCode: '0',
        receiptNo: p.mpesaReceiptNumber,
        amountCents: p.amountCents,
        payerMsisdn: p.payerPhone,
        creditShortcode: SANDBOX_DEMO.shortcode,
        reasonType: method === 'mpesa_stk' ? 'Pay Bill Online' : 'Pay Utility',
        initiatedAt: new Date(Math.floor(p.paidAt.getTime() / 1000) * 1000),
      });
    }
  });

  it('a seeded payment can be reversed, and the sandbox money world stays whole', async () => {
    const daraja = client();
    const before = await sandbox.control.state();
    const p = seeded.find((x) => x.amountCents > 0 && x.payerPhone === '254795112233')!;
    const ack = await daraja.reverseTransaction({ transactionId: p.mpesaReceiptNumber!, amountCents: p.amountCents, remarks: 'Demo reversal', ...urls() });
    const result = parseReversalResult((await listener.waitFor((c) => c.body.includes(ack.conversationId))).body);
    expect(result).toMatchObject({ resultCode: '0', originalTransactionId: p.mpesaReceiptNumber });
    const after = await sandbox.control.state();
    expect(after.totalCents).toBe(before.totalCents);
    expect((await sandbox.control.subscriber('254795112233')).balanceCents).toBe(4_000_000 + p.amountCents);
  });
});
