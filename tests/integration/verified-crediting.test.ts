import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLeaseBalance } from '@/db/queries/ledger';
import { getReceiptCheckByReceipt } from '@/db/queries/mpesa-receipt-checks';
import { getPushById } from '@/db/queries/mpesa-transactions';
import { getPaymentByPushId, getPaymentByReceipt } from '@/db/queries/payments';
import { callbackInbox, mpesaReceiptChecks, mpesaTransactions, payments, rateLimitHits } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { processDueCallbacks } from '@/lib/payments/process-inbox';
import { requeryPendingReceipts } from '@/lib/payments/receipts/sweep-receipt-checks';
import { resolvePushIfDue } from '@/lib/payments/stk/resolve-stk-status';
import { eventually } from '../support/mpesa-world';
import { createStkWorld, paidWithReceipt, waitForPush, type StkWorld } from './stk-support';

/**
 * Issue "Books you can trust": the receipt is a payment's identity, nothing is credited on a callback's word, and a
 * push whose fate is unknown is settled from M-Pesa's evidence. Real sandbox, real Postgres, real processors.
 */

const SECRET = 'verified-secret';
const AMINA = '254712345678';
const HALIMA = '254758990011';
let w: StkWorld;

const post = (path: string, body: unknown) =>
  fetch(`${w.receiver.base}/${path}/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const leasePayments = (leaseId: string) => w.db.db.select().from(payments).where(eq(payments.leaseId, leaseId));

/** The proof of a receipt comes back from Transaction Status asynchronously; wait until the check is resolved. */
const resolvedCheck = async (receipt: string) =>
  (await eventually(() => getReceiptCheckByReceipt(w.db.db, { receipt }), (c) => c?.resolution != null, { what: `receipt ${receipt} resolved` }))!;

/** A receipt Transaction Status said 2032 about once is asked again after an interval: make the interval pass now. */
async function askAgainNow(receipt: string) {
  await w.receiver.settle();
  await w.db.db.update(mpesaReceiptChecks).set({ lastQueriedAt: new Date(Date.now() - 3_600_000) }).where(eq(mpesaReceiptChecks.receipt, receipt));
  await requeryPendingReceipts(w.db.db);
}

function stkSuccessBody(checkoutRequestId: string, { amount, phone, receipt }: { amount: number; phone: string; receipt: string }) {
  return {
    Body: {
      stkCallback: {
        MerchantRequestID: 'forged',
        CheckoutRequestID: checkoutRequestId,
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: { Item: [{ Name: 'Amount', Value: amount }, { Name: 'MpesaReceiptNumber', Value: receipt }, { Name: 'TransactionDate', Value: 20261201120000 }, { Name: 'PhoneNumber', Value: Number(phone) }] },
      },
    },
  };
}

function c2bBody({ transId, amount, account, msisdn = AMINA }: { transId: string; amount: string; account: string; msisdn?: string }) {
  return {
    TransactionType: 'Pay Bill', TransID: transId, TransTime: '20261201120000', TransAmount: amount, BusinessShortCode: '174379', BillRefNumber: account,
    InvoiceNumber: '', OrgAccountBalance: '', ThirdPartyTransID: '', MSISDN: msisdn, FirstName: 'X', MiddleName: '', LastName: '',
  };
}

/** A paybill payment made on the phone: validation, money moves, confirmation (the sandbox's C2B simulate). */
async function payByPaybill(amountKes: number, account: string, msisdn = AMINA): Promise<string> {
  const before = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn, billRefNumber: account });
  const tx = await eventually(
    async () => (await w.sandbox.control.state()).transactions.find((t) => !before.has(t.receipt) && t.kind === 'c2b'),
    (t) => t !== undefined,
    { what: 'the paybill payment in the sandbox' },
  );
  return tx!.receipt;
}

async function droppedBody(api: 'stk' | 'c2b', ref: string | null): Promise<string> {
  const attempt = (await w.sandbox.control.callbacks()).find((c) => c.api === api && c.error?.includes('dropped') && (ref === null || c.ref === ref || c.body.includes(ref)));
  if (!attempt) throw new Error(`no dropped ${api} callback for ${ref}`);
  return attempt.body;
}

beforeAll(async () => {
  w = await createStkWorld(SECRET);
}, 120_000);
afterAll(() => w?.stop());
beforeEach(async () => {
  await w.db.db.delete(rateLimitHits);
  await Promise.all([w.sandbox.control.clearFaults(), w.sandbox.control.clearScenarios(), w.sandbox.control.clearCallbacks()]);
});

describe('two different payments of the same amount on one lease are never merged', () => {
  it('STK first (credited from the query, no receipt), then a paybill payment: both credited, each with its own receipt', async () => {
    const leaseId = w.leases.amina!;
    const before = (await leasePayments(leaseId)).length;
    await w.sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const { push } = await w.pay('amina', 1_234);
    await eventually(() => w.sandbox.control.stk(push.checkoutRequestId!), (s) => s.status === 'done', { what: 'sandbox finished the push' });
    expect(await resolvePushIfDue(w.db.db, { push: (await getPushById(w.db.db, push))!, settings: w.settings })).toBe('applied');
    const stkPayment = await getPaymentByPushId(w.db.db, { pushId: push.id });
    expect(stkPayment).toMatchObject({ amountCents: 123_400, mpesaReceiptNumber: null });

    const paybillReceipt = await payByPaybill(1_234, 'KH-A1');
    expect((await resolvedCheck(paybillReceipt)).resolution).toBe('credited');
    const paybillPayment = await getPaymentByReceipt(w.db.db, { receipt: paybillReceipt });
    expect(paybillPayment).toMatchObject({ amountCents: 123_400, method: 'mpesa_paybill', mpesaTransactionId: null });
    // The STK payment did not take the paybill receipt: it still waits for its own.
    expect((await getPaymentByPushId(w.db.db, { pushId: push.id }))?.mpesaReceiptNumber).toBeNull();

    // The push's own receipt arrives later (its dropped twin, delivered again): proven, it goes to the push's payment.
    const stkReceipt = (await w.sandbox.control.stk(push.checkoutRequestId!)).receipt!;
    await post('c2b/confirmation', await droppedBody('c2b', stkReceipt));
    expect((await resolvedCheck(stkReceipt)).resolution).toBe('receipt-attached');
    const rows = await leasePayments(leaseId);
    expect(rows).toHaveLength(before + 2);
    expect(rows.filter((p) => p.mpesaReceiptNumber === stkReceipt || p.mpesaReceiptNumber === paybillReceipt).map((p) => p.id).sort()).toEqual([stkPayment!.id, paybillPayment!.id].sort());
  });

  it('paybill first, then an STK push whose callback is dropped: both credited, each with its own receipt', async () => {
    const leaseId = w.leases.amina!;
    const before = (await leasePayments(leaseId)).length;
    const paybillReceipt = await payByPaybill(1_300, 'KH-A1');
    expect((await resolvedCheck(paybillReceipt)).resolution).toBe('credited');

    await w.sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const { push } = await w.pay('amina', 1_300);
    await eventually(() => w.sandbox.control.stk(push.checkoutRequestId!), (s) => s.status === 'done', { what: 'sandbox finished the push' });
    expect(await resolvePushIfDue(w.db.db, { push: (await getPushById(w.db.db, push))!, settings: w.settings })).toBe('applied');
    // The query's success is not tied to the paybill payment of the same amount: that one was a manual paybill payment.
    const stkPayment = await getPaymentByPushId(w.db.db, { pushId: push.id });
    expect(stkPayment).toMatchObject({ amountCents: 130_000, mpesaReceiptNumber: null });
    expect((await getPaymentByReceipt(w.db.db, { receipt: paybillReceipt }))?.mpesaTransactionId).toBeNull();

    const stkReceipt = (await w.sandbox.control.stk(push.checkoutRequestId!)).receipt!;
    await post('callback', await droppedBody('stk', push.checkoutRequestId));
    const done = await waitForPush(w.db.db, push.id, paidWithReceipt);
    expect(done.mpesaReceiptNumber).toBe(stkReceipt);
    expect(await leasePayments(leaseId)).toHaveLength(before + 2);
  });
});

describe('forged callbacks with the right secret move nothing and hide nothing', () => {
  it('a paybill confirmation for a receipt M-Pesa never issued: kept, refuted by Transaction Status, not credited', async () => {
    const before = await getLeaseBalance(w.db.db, { leaseId: w.leases.amina! });
    await post('c2b/confirmation', c2bBody({ transId: 'UKX1FORGED', amount: '5000.00', account: 'KH-A1' }));
    await askAgainNow('UKX1FORGED');
    const check = await resolvedCheck('UKX1FORGED');
    expect(check).toMatchObject({ status: 'NOT_FOUND', resolution: 'refuted', paymentId: null });
    expect(await getPaymentByReceipt(w.db.db, { receipt: 'UKX1FORGED' })).toBeNull();
    expect(await getLeaseBalance(w.db.db, { leaseId: w.leases.amina! })).toEqual(before);
  });

  it('a confirmation above what M-Pesa can move is refused at once, whatever it says', async () => {
    const before = await getLeaseBalance(w.db.db, { leaseId: w.leases.amina! });
    await post('c2b/confirmation', c2bBody({ transId: 'UKX2FORGED', amount: '99999999.00', account: 'KH-A1' }));
    await w.receiver.settle();
    const [row] = await w.db.db.select().from(callbackInbox).where(eq(callbackInbox.correlationId, 'UKX2FORGED'));
    expect(row).toMatchObject({ outcome: 'invalid' });
    expect(await getReceiptCheckByReceipt(w.db.db, { receipt: 'UKX2FORGED' })).toBeNull();
    expect(await getLeaseBalance(w.db.db, { leaseId: w.leases.amina! })).toEqual(before);
  });

  it('an STK success for a push M-Pesa failed (insufficient funds) credits nothing', async () => {
    const leaseId = w.leases.george!;
    const before = (await leasePayments(leaseId)).length;
    const { push } = await w.pay('george', 20_000);
    const failed = await waitForPush(w.db.db, push.id);
    expect(failed.status).toBe('FAILED');
    await post('callback', stkSuccessBody(push.checkoutRequestId!, { amount: 20_000, phone: '254746778899', receipt: 'UKX3FORGED' }));
    await askAgainNow('UKX3FORGED');
    expect(await resolvedCheck('UKX3FORGED')).toMatchObject({ resolution: 'refuted', paymentId: null });
    expect((await getPushById(w.db.db, push))?.status).toBe('FAILED');
    expect(await leasePayments(leaseId)).toHaveLength(before);
  });

  it('an STK success for an open prompt, then the tenant cancels: nothing credited, the real answer stands', async () => {
    await w.sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' });
    const leaseId = w.leases.halima!;
    const before = (await leasePayments(leaseId)).length;
    const { push } = await w.pay('halima', 900);
    await w.sandbox.control.waitForPrompt(HALIMA);
    await post('callback', stkSuccessBody(push.checkoutRequestId!, { amount: 900, phone: HALIMA, receipt: 'UKX4FORGED' }));
    await w.receiver.settle();
    expect((await getPushById(w.db.db, push))?.status).toBe('PENDING');

    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
    expect((await waitForPush(w.db.db, push.id)).status).toBe('CANCELLED');
    await askAgainNow('UKX4FORGED');
    expect(await resolvedCheck('UKX4FORGED')).toMatchObject({ resolution: 'refuted' });
    // The forged row, tried again, is labelled for the admin's log; the push stays cancelled and nothing is credited.
    await w.db.db.update(callbackInbox).set({ nextAttemptAt: new Date() }).where(eq(callbackInbox.correlationId, push.checkoutRequestId!));
    await processDueCallbacks(w.db.db);
    const rows = await w.db.db.select().from(callbackInbox).where(and(eq(callbackInbox.correlationId, push.checkoutRequestId!), eq(callbackInbox.outcome, 'refuted')));
    expect(rows).toHaveLength(1);
    expect((await getPushById(w.db.db, push))?.status).toBe('CANCELLED');
    expect(await leasePayments(leaseId)).toHaveLength(before);
  });
});

describe('a push whose outcome is unknown', () => {
  it('a second tap while the first is still waiting for Daraja gets that same push, and only one prompt is sent', async () => {
    const leaseId = w.leases.amina!;
    // Daraja takes 2 s to acknowledge, well within our timeout: the first request is simply still out.
    await w.sandbox.control.addFault({ api: 'stk', kind: 'slow-ack', delayMs: 2_000 });
    const prompts = async () => (await w.sandbox.control.state()).stk.length;
    const promptsBefore = await prompts();
    const firstTap = w.pay('amina', 1_888);
    const sent = await eventually(
      async () => (await w.db.db.select().from(mpesaTransactions).where(and(eq(mpesaTransactions.leaseId, leaseId), eq(mpesaTransactions.amountCents, 188_800))))[0],
      (row) => row?.sentAt != null && row.checkoutRequestId === null,
      { timeoutMs: 10_000, what: 'the first push sent and awaiting its acknowledgement' },
    );
    const second = await w.pay('amina', 1_888);
    expect(second).toMatchObject({ reused: true, unknownOutcome: false });
    expect(second.push.id).toBe(sent!.id);
    const first = await firstTap;
    expect(first).toMatchObject({ reused: false, unknownOutcome: false });
    expect(first.push.id).toBe(sent!.id);
    expect(first.push.checkoutRequestId).not.toBeNull();
    expect(await prompts()).toBe(promptsBefore + 1);
    // The one prompt is answered as this phone answers (the demo subscriber approves): the push settles once.
    expect((await waitForPush(w.db.db, first.push.id, paidWithReceipt)).status).toBe('SUCCESS');
  });

  it('slow acknowledgement: stays pending, a second push is refused, and the payment is credited once when M-Pesa proves it', async () => {
    const leaseId = w.leases.amina!;
    const before = (await leasePayments(leaseId)).length;
    await w.sandbox.control.addFault({ api: 'stk', kind: 'slow-ack', delayMs: 3_000 });
    // The twin that will prove the payment comes after the checks below, whatever the machine's load.
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'delay-callback', delayMs: 4_000 });
    const fast = { ...w.mpesa, client: (await import('@/lib/mpesa/client')).createDarajaClient({ ...(await import('@/lib/env')).parseEnv({ DARAJA_SANDBOX_PORT: String(w.sandbox.port) }).mpesa, httpTimeoutMs: 500, retry: { maxAttempts: 1 } }) };
    const { push, unknownOutcome } = await w.pay('amina', 1_777, { mpesa: fast });
    expect(unknownOutcome).toBe(true);
    expect(push).toMatchObject({ status: 'PENDING', checkoutRequestId: null });
    expect(push.sentAt).not.toBeNull();

    const second = await w.pay('amina', 1_777).catch((e: unknown) => e);
    expect(isAppError(second) && second.code).toBe('conflict');
    expect((second as Error).message).toMatch(/still checking with M-Pesa/);

    // The sandbox took the push and the phone approved it: its paybill twin carries the receipt, which Transaction
    // Status proves to be this phone's STK payment for this amount on this account.
    const settled = await waitForPush(w.db.db, push.id, paidWithReceipt, 30_000);
    expect(settled.status).toBe('SUCCESS');
    const rows = await leasePayments(leaseId);
    expect(rows).toHaveLength(before + 1);
    expect(await getPaymentByPushId(w.db.db, { pushId: push.id })).toMatchObject({ amountCents: 177_700, mpesaReceiptNumber: settled.mpesaReceiptNumber });
  });
});
