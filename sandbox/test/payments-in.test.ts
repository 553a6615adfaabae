import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCallbackListener, type CallbackListener, type ReceivedCallback } from '../../tests/support/callback-listener';
import { startSandbox, type SandboxHandle } from '../../tests/support/sandbox-process';
import { asList, getToken, post, reversalBody, statusBody, stkBody, type ResultBody } from './daraja-client';

/** SPEC §9.6 (one STK payment, two callbacks) and §8.1 (Transaction Status for money received). */

let sb: SandboxHandle;
let cb: CallbackListener;
let token: string;
let credential: string;
beforeAll(async () => {
  [sb, cb] = await Promise.all([startSandbox(), startCallbackListener()]);
  credential = await sb.control.securityCredential();
});
afterAll(async () => {
  await Promise.all([sb.stop(), cb.close()]);
});
beforeEach(async () => {
  await sb.control.reset();
  await sb.control.setConfig({ sameAmountWindowSeconds: 0 });
  cb.received.length = 0;
  cb.respondWith(200, { ResultCode: 0, ResultDesc: 'Accepted' });
  token = await getToken(sb.url);
});

const AMINA = '254712345678';
const register = (version: 'v1' | 'v2' = 'v2') =>
  post(sb.url, `/mpesa/c2b/${version}/registerurl`, token, { ShortCode: '174379', ResponseType: 'Completed', ConfirmationURL: `${cb.url}/confirm`, ValidationURL: `${cb.url}/validate` });

async function pay(amount = 2500, reference = 'KH-A1'): Promise<{ checkoutRequestId: string; merchantRequestId: string }> {
  const r = await post(sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({ Amount: amount, AccountReference: reference, CallBackURL: `${cb.url}/stk` }));
  const ack = r.json as { CheckoutRequestID: string; MerchantRequestID: string };
  return { checkoutRequestId: ack.CheckoutRequestID, merchantRequestId: ack.MerchantRequestID };
}

/** Resolves once the sandbox has finished the push (the callbacks may still be on their way). */
async function receiptOf(checkoutRequestId: string): Promise<string> {
  for (;;) {
    const s = await sb.control.stk(checkoutRequestId);
    if (s.status === 'done') {
      expect(s.resultCode).toBe('0');
      return s.receipt ?? '';
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const isStk = (id: string) => (c: ReceivedCallback) => c.path === '/stk' && c.body.includes(id);
const isTwin = (receipt: string) => (c: ReceivedCallback) => c.path === '/confirm' && c.body.includes(receipt);
/** Waits until every delivery attempt the sandbox started has an answer or an error. */
async function callbacksSettled(): Promise<void> {
  for (;;) {
    const attempts = await sb.control.callbacks();
    if (attempts.every((a) => a.status !== null || a.error !== undefined)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('STK twin confirmation', () => {
  it('a completed push to a registered shortcode also posts the C2B confirmation, after the STK callback by default', async () => {
    await register('v2');
    const { checkoutRequestId } = await pay(2500, 'KH-A1');
    const receipt = await receiptOf(checkoutRequestId);
    const twin = await cb.waitFor(isTwin(receipt));
    const stk = await cb.waitFor(isStk(checkoutRequestId));
    expect(cb.received.indexOf(stk)).toBeLessThan(cb.received.indexOf(twin));
    const body = twin.json as Record<string, string>;
    expect(Object.keys(body)).toEqual(['TransactionType', 'TransID', 'TransTime', 'TransAmount', 'BusinessShortCode', 'BillRefNumber', 'InvoiceNumber', 'OrgAccountBalance', 'ThirdPartyTransID', 'MSISDN', 'FirstName', 'MiddleName', 'LastName']);
    expect(body).toMatchObject({
      TransactionType: 'Pay Bill', TransID: receipt, TransAmount: '2500.00', BusinessShortCode: '174379', BillRefNumber: 'KH-A1',
      OrgAccountBalance: '252500.00', MSISDN: '2547 ***** 678', FirstName: 'Amina', LastName: 'Wanjiru',
    });
    // Validation is not called for STK (see sandbox/README.md), and the money moved once.
    await callbacksSettled();
    expect(cb.received.some((c) => c.path === '/validate')).toBe(false);
    expect((await sb.control.subscriber(AMINA)).balance).toBe(77_500);
    expect((await sb.control.organisation('174379')).accounts.utility).toBe(252_500);
  });

  it('v1 registrations get the hashed MSISDN; c2b-first and concurrent orders; no twin without registration or when off', async () => {
    await register('v1');
    await sb.control.setConfig({ stkTwinOrder: 'c2b-first', stkTwinDelayMs: 100 });
    const first = await pay(100);
    const receipt = await receiptOf(first.checkoutRequestId);
    const twin = await cb.waitFor(isTwin(receipt));
    const stk = await cb.waitFor(isStk(first.checkoutRequestId));
    expect(cb.received.indexOf(twin)).toBeLessThan(cb.received.indexOf(stk));
    expect((twin.json as Record<string, string>).MSISDN).toBe(createHash('sha256').update(AMINA).digest('hex'));

    await sb.control.setConfig({ stkTwinOrder: 'concurrent' });
    const both = await pay(101);
    const bothReceipt = await receiptOf(both.checkoutRequestId);
    await Promise.all([cb.waitFor(isTwin(bothReceipt)), cb.waitFor(isStk(both.checkoutRequestId))]);

    await sb.control.setConfig({ stkTwinConfirmation: false });
    const off = await pay(102);
    const offReceipt = await receiptOf(off.checkoutRequestId);
    await cb.waitFor(isStk(off.checkoutRequestId));
    await callbacksSettled();
    expect(cb.received.some(isTwin(offReceipt))).toBe(false);
  });

  it('a failed push has no twin, and nothing goes to a shortcode without registered URLs', async () => {
    await sb.control.addScenario({ match: { api: 'stk' }, resultCode: '1032' });
    await register('v2');
    const cancelled = await pay(300);
    await cb.waitFor(isStk(cancelled.checkoutRequestId));
    await sb.control.reset();
    token = await getToken(sb.url);
    const unregistered = await pay(301);
    await receiptOf(unregistered.checkoutRequestId);
    await cb.waitFor(isStk(unregistered.checkoutRequestId));
    await callbacksSettled();
    expect(cb.received.some((c) => c.path === '/confirm')).toBe(false);
  });

  it('c2b faults hit the twin alone and stk faults the STK callback alone', async () => {
    await register('v2');
    await sb.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const dropTwin = await pay(200);
    const r1 = await receiptOf(dropTwin.checkoutRequestId);
    await cb.waitFor(isStk(dropTwin.checkoutRequestId));
    await callbacksSettled();
    expect(cb.received.some(isTwin(r1))).toBe(false);
    expect((await sb.control.callbacks()).find((a) => a.api === 'c2b' && a.ref === r1)).toMatchObject({ status: null, error: 'dropped by fault' });

    await sb.control.addFault({ api: 'stk', kind: 'drop-callback' });
    await sb.control.addFault({ api: 'c2b', kind: 'duplicate-callback', copies: 2 });
    const dropStk = await pay(201);
    const r2 = await receiptOf(dropStk.checkoutRequestId);
    await cb.waitFor(isTwin(r2));
    await callbacksSettled();
    expect(cb.received.filter(isTwin(r2))).toHaveLength(2);
    expect(cb.received.some(isStk(dropStk.checkoutRequestId))).toBe(false);
  });

  it('delay and reorder apply per callback kind', async () => {
    await register('v2');
    await sb.control.setConfig({ stkTwinDelayMs: 0 });
    // The STK callback is held back; the twin (after it, stk-first) follows it, so delay the twin instead to reorder.
    await sb.control.addFault({ api: 'c2b', kind: 'reorder-callbacks', count: 2 });
    const a = await pay(400);
    const ra = await receiptOf(a.checkoutRequestId);
    await cb.waitFor(isStk(a.checkoutRequestId));
    const b = await pay(401);
    const rb = await receiptOf(b.checkoutRequestId);
    const twinA = await cb.waitFor(isTwin(ra));
    const twinB = await cb.waitFor(isTwin(rb));
    expect(cb.received.indexOf(twinB)).toBeLessThan(cb.received.indexOf(twinA));
  });
});

const urls = () => ({ ResultURL: `${cb.url}/result`, QueueTimeOutURL: `${cb.url}/timeout` });
async function status(body: Record<string, unknown>): Promise<ResultBody> {
  const r = await post(sb.url, '/mpesa/transactionstatus/v1/query', token, { ...statusBody(credential), ...urls(), ...body });
  expect(r.status, r.text).toBe(200);
  const conversationId = (r.json as { ConversationID: string }).ConversationID;
  return (await cb.waitFor((c) => c.path === '/result' && c.body.includes(conversationId))).json as ResultBody;
}
const params = (body: ResultBody) => asList(body.Result.ResultParameters?.ResultParameter);
const param = (body: ResultBody, key: string) => params(body).find((p) => p.Key === key);

describe('Transaction Status for money received', () => {
  it('answers an STK receipt in the collection shape, with a new ConversationID each time', async () => {
    const { checkoutRequestId, merchantRequestId } = await pay(1500, 'KH-B1');
    const receipt = await receiptOf(checkoutRequestId);
    const first = await status({ TransactionID: receipt, PartyA: '174379', IdentifierType: '4', Occasion: 'check-1' });
    expect(first.Result).toMatchObject({ ResultType: 0, ResultCode: 0, ResultDesc: 'The service request is processed successfully.' });
    expect(first.Result.TransactionID).toMatch(/^[A-Z][A-L][1-9A-V]0000000$/);
    expect(params(first).map((p) => p.Key)).toEqual([
      'DebitPartyName', 'CreditPartyName', 'OriginatorConversationID', 'InitiatedTime', 'CreditPartyCharges', 'DebitAccountType',
      'TransactionReason', 'ReasonType', 'TransactionStatus', 'FinalisedTime', 'Amount', 'ConversationID', 'ReceiptNo',
    ]);
    expect(param(first, 'DebitPartyName')?.Value).toBe('0712345678 - AMINA WANJIRU');
    expect(param(first, 'CreditPartyName')?.Value).toBe('174379 -  Demo Properties');
    expect(param(first, 'OriginatorConversationID')?.Value).toBe(merchantRequestId);
    expect(param(first, 'ReasonType')?.Value).toBe('Pay Bill Online');
    expect(param(first, 'TransactionStatus')?.Value).toBe('Completed');
    expect(param(first, 'Amount')?.Value).toBe(1500);
    expect(param(first, 'ReceiptNo')?.Value).toBe(receipt);
    expect(param(first, 'CreditPartyCharges')).toEqual({ Key: 'CreditPartyCharges' });
    const initiated = param(first, 'InitiatedTime')?.Value;
    expect(typeof initiated).toBe('number');
    expect(param(first, 'FinalisedTime')?.Value).toBe(initiated);
    expect(first.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion', Value: 'check-1' });

    const again = await status({ TransactionID: receipt, Occasion: '' });
    expect(again.Result.ConversationID).not.toBe(first.Result.ConversationID);
    expect(param(again, 'ConversationID')?.Value).toBe(param(first, 'ConversationID')?.Value);
    // No Occasion sent: the valueless item comes back.
    expect(again.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion' });
  });

  it('answers a manual paybill receipt with Pay Utility and a MerchantRequestID-shaped id; Reversed once reversed', async () => {
    await post(sb.url, '/mpesa/c2b/v1/simulate', token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 700, Msisdn: '254110334455', BillRefNumber: 'WC-2' });
    let receipt = '';
    while (!receipt) {
      receipt = (await sb.control.state()).transactions.find((t) => t.kind === 'c2b')?.receipt ?? '';
      if (!receipt) await new Promise((r) => setTimeout(r, 25));
    }
    const body = await status({ TransactionID: receipt });
    expect(param(body, 'ReasonType')?.Value).toBe('Pay Utility');
    expect(param(body, 'DebitPartyName')?.Value).toBe('0110334455 - FAITH MUTUA');
    expect(String(param(body, 'OriginatorConversationID')?.Value)).toMatch(/^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d+$/);

    const reversal = await post(sb.url, '/mpesa/reversal/v1/request', token, { ...reversalBody(credential, receipt, 700), ...urls() });
    const conv = (reversal.json as { ConversationID: string }).ConversationID;
    expect(((await cb.waitFor((c) => c.body.includes(conv))).json as ResultBody).Result.ResultCode).toBe(0);
    expect(param(await status({ TransactionID: receipt }), 'TransactionStatus')?.Value).toBe('Reversed');
  });

  it('2032 for a receipt M-Pesa never issued or another shortcode, with the Occasion rule too', async () => {
    const unknown = await status({ TransactionID: 'UKZ9ZZZZZZ', Occasion: 'x' });
    expect(unknown.Result).toMatchObject({ ResultCode: 2032, ResultDesc: 'The transaction receipt number does not exist.' });
    expect(unknown.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion', Value: 'x' });
    const { checkoutRequestId } = await pay(50);
    const receipt = await receiptOf(checkoutRequestId);
    const elsewhere = await status({ TransactionID: receipt, PartyA: '600996', Occasion: undefined });
    expect(elsewhere.Result.ResultCode).toBe(2032);
    expect(elsewhere.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion' });
  });
});
