import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCallbackListener, type CallbackListener } from '../../tests/support/callback-listener';
import { startSandbox, type SandboxHandle } from '../../tests/support/sandbox-process';
import { getToken, post, stkBody, stkQueryBody } from './daraja-client';

let sb: SandboxHandle;
let cb: CallbackListener;
let token: string;
beforeAll(async () => {
  [sb, cb] = await Promise.all([startSandbox(), startCallbackListener()]);
});
afterAll(async () => {
  await Promise.all([sb.stop(), cb.close()]);
});
beforeEach(async () => {
  await sb.control.reset();
  token = await getToken(sb.url);
});

interface Ack {
  MerchantRequestID: string;
  CheckoutRequestID: string;
}
interface StkCallback {
  Body: { stkCallback: { MerchantRequestID: string; CheckoutRequestID: string; ResultCode: number | string; ResultDesc: string; CallbackMetadata?: { Item: { Name: string; Value?: unknown }[] } } };
}

async function push(overrides: Record<string, unknown> = {}, path = '/stk') {
  const r = await post(sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({ CallBackURL: `${cb.url}${path}`, ...overrides }));
  return r;
}
async function pushOk(overrides: Record<string, unknown> = {}, path = '/stk'): Promise<Ack> {
  const r = await push(overrides, path);
  expect(r.status, r.text).toBe(200);
  return r.json as Ack;
}
const callbackFor = (id: string) => cb.waitFor((c) => c.body.includes(id), 8000);
const query = (id: string) => post(sb.url, '/mpesa/stkpushquery/v1/query', token, stkQueryBody(id));

describe('STK push: success', () => {
  it('acks with SPEC ids and posts the exact success callback', async () => {
    const before = await sb.control.subscriber('254712345678');
    const r = await push({ Amount: '1000' });
    expect(r.status).toBe(200);
    const ack = r.json as Record<string, string>;
    expect(Object.keys(ack)).toEqual(['MerchantRequestID', 'CheckoutRequestID', 'ResponseCode', 'ResponseDescription', 'CustomerMessage']);
    expect(ack.MerchantRequestID).toMatch(/^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d{4,7}$/);
    expect(ack.CheckoutRequestID).toMatch(/^ws_CO_\d{14}\d{1,3}712345678$/);
    expect(ack.ResponseCode).toBe('0');
    expect(ack.ResponseDescription).toBe('Success. Request accepted for processing');
    expect(ack.CustomerMessage).toBe('Success. Request accepted for processing');

    const got = await callbackFor(ack.CheckoutRequestID ?? '');
    expect(got.path).toBe('/stk');
    expect(got.body).toContain('{"Name":"Amount","Value":1000.00}');
    expect(got.body).toContain('{"Name":"Balance"}');
    const body = got.json as StkCallback;
    const s = body.Body.stkCallback;
    expect(s.MerchantRequestID).toBe(ack.MerchantRequestID);
    expect(s.ResultCode).toBe(0);
    expect(s.ResultDesc).toBe('The service request is processed successfully.');
    const items = s.CallbackMetadata?.Item ?? [];
    expect(items.map((i) => i.Name)).toEqual(['Amount', 'MpesaReceiptNumber', 'Balance', 'TransactionDate', 'PhoneNumber']);
    expect(items[0]?.Value).toBe(1000);
    expect(items[1]?.Value).toMatch(/^[L-Z][A-L][1-9A-V][A-Z0-9]{7}$/);
    expect('Value' in (items[2] ?? {})).toBe(false);
    expect(String(items[3]?.Value)).toMatch(/^20\d{12}$/);
    expect(items[4]?.Value).toBe(254712345678);

    const after = await sb.control.subscriber('254712345678');
    expect(after.balance).toBe(before.balance - 1000);
    expect(after.sms[0]?.text).toContain(`${String(items[1]?.Value)} Confirmed. Ksh1,000.00 sent to Demo Properties for account HSE-12`);
    expect((await sb.control.organisation('174379')).accounts.utility).toBe(251_000);
  });

  it('query answers 4999 while pending, then the final code as a string', async () => {
    await sb.control.setSubscriber('254712345678', { behaviour: 'manual' });
    const ack = await pushOk();
    const pending = await query(ack.CheckoutRequestID);
    expect(pending.status).toBe(200);
    expect(pending.json).toEqual({
      ResponseCode: '0',
      ResponseDescription: 'The service request has been accepted successsfully',
      MerchantRequestID: ack.MerchantRequestID,
      CheckoutRequestID: ack.CheckoutRequestID,
      ResultCode: '4999',
      ResultDesc: 'The transaction is still under processing',
    });
    await sb.control.answerPrompt('254712345678', { cancel: true });
    await sb.control.setConfig({ queryResponseDescriptionSpelling: 'successfully' });
    const final = await query(ack.CheckoutRequestID);
    expect(final.json).toMatchObject({ ResponseDescription: 'The service request has been accepted successfully', ResultCode: '1032' });
    const cbBody = (await callbackFor(ack.CheckoutRequestID)).json as StkCallback;
    expect(cbBody.Body.stkCallback).toEqual({ MerchantRequestID: ack.MerchantRequestID, CheckoutRequestID: ack.CheckoutRequestID, ResultCode: 1032, ResultDesc: 'Request cancelled by user' });
  });

  it('query in legacy mode answers HTTP 500 500.001.1001 with the CheckoutRequestID as requestId', async () => {
    await sb.control.setConfig({ stkQueryPendingMode: 'legacy-500' });
    await sb.control.setSubscriber('254712345678', { behaviour: 'manual' });
    const ack = await pushOk();
    const r = await query(ack.CheckoutRequestID);
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ requestId: ack.CheckoutRequestID, errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });
  });
});

describe('STK push: outcomes', () => {
  it('wrong PIN → 2001, no money moves', async () => {
    await sb.control.setSubscriber('254758990011', {});
    const ack = await pushOk({ PartyA: '254758990011', PhoneNumber: '254758990011' });
    const answer = await sb.control.answerPrompt('254758990011', { pin: '9999' });
    expect(answer.resultCode).toBe('2001');
    const body = (await callbackFor(ack.CheckoutRequestID)).json as StkCallback;
    expect(body.Body.stkCallback.ResultCode).toBe(2001);
    expect(body.Body.stkCallback.CallbackMetadata).toBeUndefined();
    expect((await sb.control.subscriber('254758990011')).balance).toBe(30_000);
  });

  it('no answer before the prompt timeout → 1037', async () => {
    await sb.control.setConfig({ promptTimeoutMs: 200 });
    const ack = await pushOk({ PartyA: '254758990011', PhoneNumber: '254758990011' });
    const body = (await callbackFor(ack.CheckoutRequestID)).json as StkCallback;
    expect(body.Body.stkCallback).toMatchObject({ ResultCode: 1037, ResultDesc: 'No response from user.' });
    expect((await query(ack.CheckoutRequestID)).json).toMatchObject({ ResultCode: '1037' });
  });

  it("Daraja's test MSISDN never answers (1037)", async () => {
    await sb.control.setConfig({ promptTimeoutMs: 200 });
    const ack = await pushOk({ PartyA: '254708374149', PhoneNumber: '254708374149' });
    expect((await callbackFor(ack.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 1037 } } });
  });

  it('an auto-approving tenant without funds gets 1', async () => {
    const ack = await pushOk({ PartyA: '254746778899', PhoneNumber: '254746778899', Amount: 15000 });
    expect((await callbackFor(ack.CheckoutRequestID)).json).toMatchObject({
      Body: { stkCallback: { ResultCode: 1, ResultDesc: 'The balance is insufficient for the transaction.' } },
    });
    expect((await sb.control.subscriber('254746778899')).balance).toBe(1500);
  });

  it('an unregistered Safaricom number ends in 1037 "DS timeout user cannot be reached"', async () => {
    const ack = await pushOk({ PartyA: '254799000111', PhoneNumber: '254799000111' });
    expect((await callbackFor(ack.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 1037, ResultDesc: 'DS timeout user cannot be reached' } } });
  });

  it('same amount from the same phone within the window → 17; window 0 disables it', async () => {
    const first = await pushOk({ Amount: 7 });
    await callbackFor(first.CheckoutRequestID);
    const second = await pushOk({ Amount: 7 });
    expect((await callbackFor(second.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 17, ResultDesc: 'Rule limited.' } } });
    await sb.control.setConfig({ sameAmountWindowSeconds: 0 });
    const third = await pushOk({ Amount: 7 });
    expect((await callbackFor(third.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
  });

  it('above KES 250,000 → 3; a prompt over 182 characters → 1025', async () => {
    const big = await pushOk({ Amount: 250001 });
    expect((await callbackFor(big.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 3 } } });
    const long = await pushOk({ AccountReference: 'X'.repeat(150), PartyA: '254722123456', PhoneNumber: '254722123456' });
    expect((await callbackFor(long.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 1025 } } });
  });

  it('a scenario overrides the outcome, once', async () => {
    await sb.control.addScenario({ match: { api: 'stk', phone: '254712345678', amount: 5 }, resultCode: 1032, delayMs: 10 });
    const a = await pushOk({ Amount: 5 });
    expect((await callbackFor(a.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 1032 } } });
    const b = await pushOk({ Amount: 5 });
    expect((await callbackFor(b.CheckoutRequestID)).json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
    await sb.control.addScenario({ match: { accountReference: 'BAD' }, resultCode: 'E3008' });
    const c = await pushOk({ AccountReference: 'BAD', Amount: 9 });
    expect((await callbackFor(c.CheckoutRequestID)).body).toContain('"ResultCode":"E3008"');
  });
});

describe('STK push: synchronous errors', () => {
  const invalid = async (overrides: Record<string, unknown>, field: string) => {
    const r = await push(overrides);
    expect(r.status, JSON.stringify(overrides)).toBe(400);
    expect(r.json).toMatchObject({ errorCode: '400.002.02', errorMessage: `Bad Request - Invalid ${field}` });
  };

  it('names the first bad field', async () => {
    await invalid({ BusinessShortCode: 'abc' }, 'BusinessShortCode');
    await invalid({ Timestamp: '2024-01-01' }, 'Timestamp');
    await invalid({ Amount: 1.5 }, 'Amount');
    await invalid({ Amount: 0 }, 'Amount');
    await invalid({ PhoneNumber: '0712345678' }, 'PhoneNumber');
    await invalid({ PhoneNumber: '+254712345678' }, 'PhoneNumber');
    await invalid({ CallBackURL: 'not a url' }, 'CallBackURL');
    await invalid({ TransactionDesc: undefined }, 'Remarks');
  });

  it('accepts a long AccountReference and numbers as strings', async () => {
    const r = await push({ AccountReference: 'ACCOUNT-REF-15C', Amount: '2', BusinessShortCode: '174379' });
    expect(r.status).toBe(200);
  });

  it('unknown shortcode → Merchant does not exist; bad password → Wrong credentials', async () => {
    const a = await push({ BusinessShortCode: 600000 });
    expect(a.status).toBe(500);
    expect(a.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Merchant does not exist' });
    const b = await push({ Password: 'd3Jvbmc=' });
    expect(b.status).toBe(500);
    expect(b.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Wrong credentials' });
  });

  it('a second push to a phone with an open prompt cannot lock the subscriber', async () => {
    await pushOk({ PartyA: '254758990011', PhoneNumber: '254758990011' });
    const r = await push({ PartyA: '254758990011', PhoneNumber: '254758990011', Amount: 3 });
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({
      errorCode: '500.001.1001',
      errorMessage: 'Unable to lock subscriber, a transaction is already in process for the current subscriber',
    });
  });

  it('an unknown CheckoutRequestID is an invalid field on query', async () => {
    const r = await query('ws_CO_000');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid CheckoutRequestID' });
  });
});
