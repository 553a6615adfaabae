import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReceivedCallback } from '../../tests/support/callback-listener';
import { asList, getToken, post, reversalBody, statusBody, stkBody, type ResultBody } from './daraja-client';
import { sandboxForFile } from './fixture';

/** SPEC §9.6 (one STK payment, two callbacks) and §8.1 (Transaction Status for money received). */

const t = sandboxForFile();


const AMINA = '254712345678';
const register = (version: 'v1' | 'v2' = 'v2') =>
  post(t.sb.url, `/mpesa/c2b/${version}/registerurl`, t.token, { ShortCode: '174379', ResponseType: 'Completed', ConfirmationURL: `${t.cb.url}/confirm`, ValidationURL: `${t.cb.url}/validate` });

async function pay(amount = 2500, reference = 'KH-A1'): Promise<{ checkoutRequestId: string; merchantRequestId: string }> {
  const r = await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, stkBody({ Amount: amount, AccountReference: reference, CallBackURL: `${t.cb.url}/stk` }));
  const ack = r.json as { CheckoutRequestID: string; MerchantRequestID: string };
  return { checkoutRequestId: ack.CheckoutRequestID, merchantRequestId: ack.MerchantRequestID };
}

/** Resolves once the sandbox has finished the push (the callbacks may still be on their way). */
async function receiptOf(checkoutRequestId: string): Promise<string> {
  for (;;) {
    const s = await t.sb.control.stk(checkoutRequestId);
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
    const attempts = await t.sb.control.callbacks();
    if (attempts.every((a) => a.status !== null || a.error !== undefined)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('STK twin confirmation', () => {
  it('a completed push to a registered shortcode also posts the C2B confirmation, after the STK callback by default', async () => {
    await register('v2');
    const { checkoutRequestId } = await pay(2500, 'KH-A1');
    const receipt = await receiptOf(checkoutRequestId);
    const twin = await t.cb.waitFor(isTwin(receipt));
    const stk = await t.cb.waitFor(isStk(checkoutRequestId));
    expect(t.cb.received.indexOf(stk)).toBeLessThan(t.cb.received.indexOf(twin));
    const body = twin.json as Record<string, string>;
    expect(Object.keys(body)).toEqual(['TransactionType', 'TransID', 'TransTime', 'TransAmount', 'BusinessShortCode', 'BillRefNumber', 'InvoiceNumber', 'OrgAccountBalance', 'ThirdPartyTransID', 'MSISDN', 'FirstName', 'MiddleName', 'LastName']);
    expect(body).toMatchObject({
      TransactionType: 'Pay Bill', TransID: receipt, TransAmount: '2500.00', BusinessShortCode: '174379', BillRefNumber: 'KH-A1',
      OrgAccountBalance: '252500.00', MSISDN: '2547 ***** 678', FirstName: 'Amina', LastName: 'Wanjiru',
    });
    // Validation is not called for STK (see sandbox/README.md), and the money moved once.
    await callbacksSettled();
    expect(t.cb.received.some((c) => c.path === '/validate')).toBe(false);
    expect((await t.sb.control.subscriber(AMINA)).balance).toBe(77_500);
    expect((await t.sb.control.organisation('174379')).accounts.utility).toBe(252_500);
  });

  it('v1 registrations get the hashed MSISDN; c2b-first and concurrent orders; no twin without registration or when off', async () => {
    await register('v1');
    await t.sb.control.setConfig({ stkTwinOrder: 'c2b-first', stkTwinDelayMs: 100 });
    const first = await pay(100);
    const receipt = await receiptOf(first.checkoutRequestId);
    const twin = await t.cb.waitFor(isTwin(receipt));
    const stk = await t.cb.waitFor(isStk(first.checkoutRequestId));
    expect(t.cb.received.indexOf(twin)).toBeLessThan(t.cb.received.indexOf(stk));
    expect((twin.json as Record<string, string>).MSISDN).toBe(createHash('sha256').update(AMINA).digest('hex'));

    await t.sb.control.setConfig({ stkTwinOrder: 'concurrent' });
    const both = await pay(101);
    const bothReceipt = await receiptOf(both.checkoutRequestId);
    await Promise.all([t.cb.waitFor(isTwin(bothReceipt)), t.cb.waitFor(isStk(both.checkoutRequestId))]);

    await t.sb.control.setConfig({ stkTwinConfirmation: false });
    const off = await pay(102);
    const offReceipt = await receiptOf(off.checkoutRequestId);
    await t.cb.waitFor(isStk(off.checkoutRequestId));
    await callbacksSettled();
    expect(t.cb.received.some(isTwin(offReceipt))).toBe(false);
  });

  it('a failed push has no twin, and nothing goes to a shortcode without registered URLs', async () => {
    await t.sb.control.addScenario({ match: { api: 'stk' }, resultCode: '1032' });
    await register('v2');
    const cancelled = await pay(300);
    await t.cb.waitFor(isStk(cancelled.checkoutRequestId));
    await t.sb.control.reset();
    t.token = await getToken(t.sb.url);
    const unregistered = await pay(301);
    await receiptOf(unregistered.checkoutRequestId);
    await t.cb.waitFor(isStk(unregistered.checkoutRequestId));
    await callbacksSettled();
    expect(t.cb.received.some((c) => c.path === '/confirm')).toBe(false);
  });

  it('c2b faults hit the twin alone and stk faults the STK callback alone', async () => {
    await register('v2');
    await t.sb.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const dropTwin = await pay(200);
    const r1 = await receiptOf(dropTwin.checkoutRequestId);
    await t.cb.waitFor(isStk(dropTwin.checkoutRequestId));
    await callbacksSettled();
    expect(t.cb.received.some(isTwin(r1))).toBe(false);
    expect((await t.sb.control.callbacks()).find((a) => a.api === 'c2b' && a.ref === r1)).toMatchObject({ status: null, error: 'dropped by fault' });

    await t.sb.control.addFault({ api: 'stk', kind: 'drop-callback' });
    await t.sb.control.addFault({ api: 'c2b', kind: 'duplicate-callback', copies: 2 });
    const dropStk = await pay(201);
    const r2 = await receiptOf(dropStk.checkoutRequestId);
    await t.cb.waitFor(isTwin(r2));
    await callbacksSettled();
    expect(t.cb.received.filter(isTwin(r2))).toHaveLength(2);
    expect(t.cb.received.some(isStk(dropStk.checkoutRequestId))).toBe(false);
  });

  it('delay and reorder apply per callback kind', async () => {
    await register('v2');
    await t.sb.control.setConfig({ stkTwinDelayMs: 0 });
    // The STK callback is held back; the twin (after it, stk-first) follows it, so delay the twin instead to reorder.
    await t.sb.control.addFault({ api: 'c2b', kind: 'reorder-callbacks', count: 2 });
    const a = await pay(400);
    const ra = await receiptOf(a.checkoutRequestId);
    await t.cb.waitFor(isStk(a.checkoutRequestId));
    const b = await pay(401);
    const rb = await receiptOf(b.checkoutRequestId);
    const twinA = await t.cb.waitFor(isTwin(ra));
    const twinB = await t.cb.waitFor(isTwin(rb));
    expect(t.cb.received.indexOf(twinB)).toBeLessThan(t.cb.received.indexOf(twinA));
  });
});

const urls = () => ({ ResultURL: `${t.cb.url}/result`, QueueTimeOutURL: `${t.cb.url}/timeout` });
async function status(body: Record<string, unknown>): Promise<ResultBody> {
  const r = await post(t.sb.url, '/mpesa/transactionstatus/v1/query', t.token, { ...statusBody(t.credential), ...urls(), ...body });
  expect(r.status, r.text).toBe(200);
  const conversationId = (r.json as { ConversationID: string }).ConversationID;
  return (await t.cb.waitFor((c) => c.path === '/result' && c.body.includes(conversationId))).json as ResultBody;
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
    await post(t.sb.url, '/mpesa/c2b/v1/simulate', t.token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 700, Msisdn: '254110334455', BillRefNumber: 'WC-2' });
    let receipt = '';
    while (!receipt) {
      receipt = (await t.sb.control.state()).transactions.find((t) => t.kind === 'c2b')?.receipt ?? '';
      if (!receipt) await new Promise((r) => setTimeout(r, 25));
    }
    const body = await status({ TransactionID: receipt });
    expect(param(body, 'ReasonType')?.Value).toBe('Pay Utility');
    expect(param(body, 'DebitPartyName')?.Value).toBe('0110334455 - FAITH MUTUA');
    expect(String(param(body, 'OriginatorConversationID')?.Value)).toMatch(/^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d+$/);

    const reversal = await post(t.sb.url, '/mpesa/reversal/v1/request', t.token, { ...reversalBody(t.credential, receipt, 700), ...urls() });
    const conv = (reversal.json as { ConversationID: string }).ConversationID;
    expect(((await t.cb.waitFor((c) => c.body.includes(conv))).json as ResultBody).Result.ResultCode).toBe(0);
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
