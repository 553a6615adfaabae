import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getInboxRow, insertInboxRow } from '@/db/queries/callback-inbox';
import { getPushByCheckoutId, getPushById } from '@/db/queries/mpesa-transactions';
import { countLeasePayments, getPaymentByPushId } from '@/db/queries/payments';
import { callbackInbox, mpesaTransactions, rateLimitHits } from '@/db/schema';
import { createCallbackRoute } from '@/lib/payments/callback-route';
import { applyStkCallback } from '@/lib/payments/stk/apply-stk-callback';
import { setMpesaContextResolver } from '@/lib/payments/mpesa-context';
import { getStkStatusForCaller, resolvePushIfDue } from '@/lib/payments/stk/resolve-stk-status';
import { sweepPendingPushes } from '@/lib/payments/stk/sweep-pending-pushes';
import { createStkWorld, paidWithReceipt, waitForPush, type StkWorld } from './stk-support';

/** Daraja misbehaving (sandbox faults) and forged callbacks: the books stay right (invariants 1–4). */

const SECRET = 'stk-faults-secret';
const AMINA = '254712345678';
const HALIMA = '254758990011';
let w: StkWorld;

const callbackUrl = () => `${w.receiver.base}/callback/${SECRET}`;
const post = (body: unknown) => fetch(callbackUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function successBody(checkoutRequestId: string, { amount, phone, receipt }: { amount: number; phone: string; receipt: string }) {
  return {
    Body: {
      stkCallback: {
        MerchantRequestID: 'forged',
        CheckoutRequestID: checkoutRequestId,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: { Item: [{ Name: 'Amount', Value: amount }, { Name: 'MpesaReceiptNumber', Value: receipt }, { Name: 'TransactionDate', Value: 20260101120000 }, { Name: 'PhoneNumber', Value: Number(phone) }] },
      },
    },
  };
}

async function inboxFor(checkoutRequestId: string) {
  await w.receiver.settle();
  return w.db.db.select().from(callbackInbox).where(eq(callbackInbox.correlationId, checkoutRequestId)).orderBy(asc(callbackInbox.receivedAt));
}

async function sandboxDone(checkoutRequestId: string) {
  for (let i = 0; i < 200; i += 1) {
    if ((await w.sandbox.control.stk(checkoutRequestId)).status === 'done') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('sandbox never finished the push');
}

beforeAll(async () => {
  // Prompts stay open long enough for a test to act on them on a busy machine.
  w = await createStkWorld(SECRET, { sandboxEnv: { SANDBOX_PROMPT_TIMEOUT_MS: '15000' } });
}, 90_000);
afterAll(() => w?.stop());
beforeEach(async () => {
  await w.db.db.delete(rateLimitHits);
  await Promise.all([w.sandbox.control.clearFaults(), w.sandbox.control.clearScenarios(), w.sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' })]);
});

describe('callback faults', () => {
  it('callback and its paybill twin dropped: the STK query credits it; the late callback brings the receipt, proven, and credits nothing more', async () => {
    await w.sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const before = await countLeasePayments(w.db.db, { leaseId: w.leases.amina! });
    const { push } = await w.pay('amina', 700);
    const ref = { checkoutRequestId: push.checkoutRequestId! };
    await sandboxDone(ref.checkoutRequestId);
    expect((await getPushByCheckoutId(w.db.db, ref))?.status).toBe('PENDING');

    expect(await resolvePushIfDue(w.db.db, { push: (await getPushByCheckoutId(w.db.db, ref))!, settings: w.settings })).toBe('applied');
    const credited = await getPushByCheckoutId(w.db.db, ref);
    expect(credited).toMatchObject({ status: 'SUCCESS', mpesaReceiptNumber: null, resultCode: '0' });
    const payment = await getPaymentByPushId(w.db.db, { pushId: credited!.id });
    expect(payment).toMatchObject({ amountCents: 70_000, mpesaReceiptNumber: null });

    const dropped = (await w.sandbox.control.callbacks()).find((c) => c.ref === ref.checkoutRequestId);
    expect(dropped?.error).toMatch(/dropped/);
    await fetch(callbackUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: dropped!.body });
    const withReceipt = await waitForPush(w.db.db, push.id, (r) => r.mpesaReceiptNumber !== null);
    expect((await getPaymentByPushId(w.db.db, { pushId: credited!.id }))?.mpesaReceiptNumber).toBe(withReceipt.mpesaReceiptNumber);
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.amina! })).toBe(before + 1);
  });

  it('the same callback 10 times concurrently credits one payment', async () => {
    await w.sandbox.control.addFault({ api: 'stk', kind: 'duplicate-callback', copies: 10, concurrent: true });
    const before = await countLeasePayments(w.db.db, { leaseId: w.leases.amina! });
    const { push } = await w.pay('amina', 710);
    await waitForPush(w.db.db, push.id, paidWithReceipt);
    const rows = await inboxFor(push.checkoutRequestId!);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    expect(rows.filter((r) => r.outcome === 'duplicate')).toHaveLength(9);
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.amina! })).toBe(before + 1);
  });

  it('a callback that arrives before the synchronous answer is applied once the request is stored', async () => {
    await w.sandbox.control.addFault({ api: 'stk', kind: 'callback-before-ack' });
    const before = await countLeasePayments(w.db.db, { leaseId: w.leases.amina! });
    const { push } = await w.pay('amina', 720);
    // No sweep here: initiation itself re-processes the waiting callback.
    const done = await waitForPush(w.db.db, push.id, (r) => r.status !== 'PENDING', 5_000);
    expect(done.status).toBe('SUCCESS');
    const rows = await inboxFor(push.checkoutRequestId!);
    expect(rows.map((r) => r.outcome)).toEqual(['applied']);
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.amina! })).toBe(before + 1);
  });

  it('a wrong or missing secret is a 404 and stores nothing', async () => {
    const route = createCallbackRoute({ kind: 'stk' });
    const countBefore = (await w.db.db.select().from(callbackInbox)).length;
    for (const secret of ['wrong-secret', '']) {
      const res = await route(new Request(`http://app/api/v1/mpesa/callback/${secret}`, { method: 'POST', body: JSON.stringify(successBody('ws_CO_x', { amount: 1, phone: AMINA, receipt: 'FAKE000001' })) }), { params: Promise.resolve({ secret }) });
      expect(res.status).toBe(404);
    }
    expect((await w.db.db.select().from(callbackInbox)).length).toBe(countBefore);
  });

  it('the right secret with a made-up receipt: not credited, refuted; the real answer still counts and keeps its own receipt', async () => {
    const before = await countLeasePayments(w.db.db, { leaseId: w.leases.halima! });
    const { push } = await w.pay('halima', 800);
    const ref = { checkoutRequestId: push.checkoutRequestId! };
    await w.sandbox.control.waitForPrompt(HALIMA);
    await post(successBody(ref.checkoutRequestId, { amount: 1, phone: HALIMA, receipt: 'FORGED0001' }));
    const [forged] = await inboxFor(ref.checkoutRequestId);
    // The STK query says the prompt is still open: the callback waits, and credits nothing meanwhile.
    expect(forged?.outcome).toBe('waiting');
    expect(await getPushByCheckoutId(w.db.db, ref)).toMatchObject({ status: 'PENDING', mpesaReceiptNumber: null });
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.halima! })).toBe(before);

    const { pin } = await w.sandbox.control.subscriber(HALIMA) as unknown as { pin: string };
    await w.sandbox.control.answerPrompt(HALIMA, { pin });
    const paid = await waitForPush(w.db.db, push.id, paidWithReceipt);
    expect(paid.status).toBe('SUCCESS');
    expect(paid.mpesaReceiptNumber).not.toBe('FORGED0001');
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.halima! })).toBe(before + 1);

    // A success is never downgraded by a later (forged or stale) failure.
    await post({ Body: { stkCallback: { MerchantRequestID: 'x', CheckoutRequestID: ref.checkoutRequestId, ResultCode: 1032, ResultDesc: 'Request cancelled by user' } } });
    const rows = await inboxFor(ref.checkoutRequestId);
    expect(rows.at(-1)?.outcome).toBe('duplicate');
    expect((await getPushByCheckoutId(w.db.db, ref))?.status).toBe('SUCCESS');
  });

  it('a callback for a request we never made waits, then is kept as unmatched and credits nothing', async () => {
    const row = await insertInboxRow(w.db.db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '203.0.113.9', body: JSON.stringify(successBody('ws_CO_unknown', { amount: 5, phone: AMINA, receipt: 'UNKNOWN001' })) });
    expect((await applyStkCallback(w.db.db, row, w.settings)).outcome).toBe('waiting');
    const old = { ...row, receivedAt: new Date(Date.now() - 10 * 60_000) };
    expect(await applyStkCallback(w.db.db, old, w.settings)).toMatchObject({ outcome: 'unmatched', correlationId: 'ws_CO_unknown' });
    expect(await getInboxRow(w.db.db, { id: row.id })).toMatchObject({ correlationId: 'ws_CO_unknown' });
  });
});

describe('every request ends', () => {
  it('the query says pending for a while (4999, then the legacy 500), then resolves', async () => {
    await w.sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    const { push } = await w.pay('halima', 810);
    await w.sandbox.control.waitForPrompt(HALIMA);
    const again = async () => resolvePushIfDue(w.db.db, { push: (await getPushByCheckoutId(w.db.db, { checkoutRequestId: push.checkoutRequestId! }))!, settings: w.settings });
    expect(await again()).toBe('pending');
    await w.sandbox.control.setConfig({ stkQueryPendingMode: 'legacy-500' });
    expect(await again()).toBe('pending');
    await w.sandbox.control.setConfig({ stkQueryPendingMode: '4999' });
    expect((await getPushByCheckoutId(w.db.db, { checkoutRequestId: push.checkoutRequestId! }))?.status).toBe('PENDING');

    const { pin } = await w.sandbox.control.subscriber(HALIMA) as unknown as { pin: string };
    await w.sandbox.control.answerPrompt(HALIMA, { pin });
    expect(await again()).toBe('applied');
    const view = await getStkStatusForCaller(w.db.db, { caller: w.callers.halima!, ref: push.id, settings: w.settings });
    expect(view).toMatchObject({ status: 'SUCCESS', mpesaReceiptNumber: null, userMessage: 'M-Pesa confirmed your payment' });
    expect(view.paymentId).toBeTruthy();
  });

  it('a push recorded but never sent (the app died before calling Daraja) is closed within a minute, not left blocking the lease for three', async () => {
    const { push } = await w.pay('halima', 830);
    // What a kill -9 between storing the push and marking it sent leaves: pending, no sent_at, no checkout id.
    await w.db.db.update(mpesaTransactions).set({ sentAt: null, checkoutRequestId: null, merchantRequestId: null, createdAt: new Date(Date.now() - 61_000) }).where(eq(mpesaTransactions.id, push.id));
    // Before, it blocked the lease until the three-minute unsent deadline.
    const { markedForReview } = await sweepPendingPushes(w.db.db, { settings: w.settings });
    expect(markedForReview).toBe(1);
    expect(await getPushById(w.db.db, push)).toMatchObject({ status: 'TIMEOUT', reviewReason: 'Recorded but never sent to M-Pesa (the app stopped before sending it)' });
    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
  });

  it('sweeps on two instances at once query a pending push once; past the deadline it is marked for review, and a late success is still credited', async () => {
    const { push } = await w.pay('halima', 820);
    await w.sandbox.control.waitForPrompt(HALIMA);
    let queries = 0;
    const client = w.mpesa.client;
    const counting = { ...client, stkQuery: async (p: { checkoutRequestId: string }) => { queries += 1; return client.stkQuery(p); } };
    setMpesaContextResolver(async () => ({ ...w.mpesa, client: counting }));
    const sweepSettings = { ...w.settings, queryMinIntervalSeconds: 60 };
    try {
      const results = await Promise.all([sweepPendingPushes(w.db.db, { settings: sweepSettings }), sweepPendingPushes(w.db.db, { settings: sweepSettings })]);
      expect(queries).toBe(1);
      expect(results.map((r) => r.queried).sort()).toEqual([0, 1]);
      const { markedForReview } = await sweepPendingPushes(w.db.db, { settings: { ...sweepSettings, reviewAfterSeconds: 0 } });
      expect(markedForReview).toBe(1);
    } finally {
      setMpesaContextResolver(async () => w.mpesa);
    }
    expect(await getPushById(w.db.db, push)).toMatchObject({ status: 'TIMEOUT', needsReview: true });
    const view = await getStkStatusForCaller(w.db.db, { caller: w.callers.halima!, ref: push.id, settings: w.settings });
    expect(view.userMessage).toMatch(/not had a final answer/);

    const { pin } = await w.sandbox.control.subscriber(HALIMA) as unknown as { pin: string };
    await w.sandbox.control.answerPrompt(HALIMA, { pin });
    const late = await waitForPush(w.db.db, push.id, paidWithReceipt);
    expect(late.reviewReason).toMatch(/after the push was marked TIMEOUT/);
    expect(await getPaymentByPushId(w.db.db, { pushId: late.id })).toMatchObject({ amountCents: 82_000 });
  });
});
