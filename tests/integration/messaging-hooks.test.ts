import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, payments } from '@/db/schema';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * The hooks in the real crediting path: a paybill payment made in the sandbox, confirmed to our callback receiver and
 * proven with Transaction Status, is credited — and its receipt is queued in that same transaction, once.
 */

const AMINA = '254712345678';
let w: MpesaWorld;

beforeAll(async () => {
  w = await createMpesaWorld({ prefix: 'haven_msg_hooks', secret: 'msg-hooks-secret' });
});
afterAll(async () => {
  await w?.stop();
});

describe('receipts queued by crediting', () => {
  it('a proven paybill payment queues one receipt per channel of the tenant', async () => {
    const known = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
    await w.mpesa.client.simulateC2b({ amountCents: 1_777_00, msisdn: AMINA, billRefNumber: 'KH-A1' });
    const tx = await eventually(async () => (await w.sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && !known.has(t.receipt)), (t) => t !== undefined, { what: 'the paybill payment' });
    const payment = await eventually(async () => (await w.db.db.select().from(payments).where(eq(payments.mpesaReceiptNumber, tx!.receipt)))[0], (p) => p !== undefined, { what: 'the payment credited' });
    await w.receiver.settle();
    const queued = await w.db.db.select().from(messages).where(eq(messages.eventKey, `payment:${payment!.id}`));
    expect(queued.map((m) => [m.kind, m.channel, m.address]).sort()).toEqual([['payment-receipt', 'email', 'tenant@example.com'], ['payment-receipt', 'sms', AMINA]]);
  });
});
