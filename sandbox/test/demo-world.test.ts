import { describe, expect, it } from 'vitest';
import { demoPayments } from '../../db/demo-payments';
import { SANDBOX_DEMO } from '../../tests/support/sandbox-process';
import { b2cBody, eatTimestamp, param, post, reversalBody, statusBody, stkBody, stkPassword, wire, type ResultBody } from './daraja-client';
import { sandboxForFile } from './fixture';

/** Haven's seeded demo payments are real in the sandbox's world; the second demo organisation; run-time additions. */

const t = sandboxForFile();


async function tokenFor(key: string, secret: string): Promise<string> {
  const basic = Buffer.from(`${key}:${secret}`).toString('base64');
  const r = await wire(`${t.sb.url}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } });
  expect(r.status, r.text).toBe(200);
  return (r.json as { access_token: string }).access_token;
}
const demoToken = () => tokenFor(SANDBOX_DEMO.consumerKey, SANDBOX_DEMO.consumerSecret);

async function resultOf(token: string, path: string, body: Record<string, unknown>): Promise<ResultBody> {
  const r = await post(t.sb.url, path, token, { ...body, ResultURL: `${t.cb.url}/result`, QueueTimeOutURL: `${t.cb.url}/timeout` });
  expect(r.status, r.text).toBe(200);
  const conversationId = (r.json as { ConversationID: string }).ConversationID;
  return (await t.cb.waitFor((c) => c.body.includes(conversationId))).json as ResultBody;
}

describe('seeded demo payments', () => {
  it('Transaction Status knows a seeded receipt, whichever day the app was seeded', async () => {
    const token = await demoToken();
    const today = demoPayments(new Date());
    const longAgo = demoPayments(new Date(Date.now() - 200 * 24 * 3600_000));
    for (const seeded of [today.find((p) => p.method === 'mpesa_stk')!, today.find((p) => p.purpose === 'deposit')!, longAgo.at(-1)!]) {
      const body = await resultOf(token, '/mpesa/transactionstatus/v1/query', statusBody(t.credential, { TransactionID: seeded.receipt }));
      expect(body.Result.ResultCode).toBe(0);
      expect(param(body, 'ReceiptNo')).toBe(seeded.receipt);
      expect(param(body, 'Amount')).toBe(seeded.amountCents / 100);
      expect(param(body, 'ReasonType')).toBe(seeded.method === 'mpesa_stk' ? 'Pay Bill Online' : 'Pay Utility');
      expect(param(body, 'DebitPartyName')).toBe(`0${seeded.payerPhone.slice(3)} - ${seeded.payerName.toUpperCase()}`);
    }
  });

  it('a seeded payment can be reversed once, and the money world stays whole', async () => {
    const token = await demoToken();
    const before = await t.sb.control.state();
    const seeded = demoPayments(new Date()).find((p) => p.purpose === 'rent' && p.payerPhone === '254722123456')!;
    const reversal = await resultOf(token, '/mpesa/reversal/v1/request', reversalBody(t.credential, seeded.receipt, seeded.amountCents / 100));
    expect(reversal.Result.ResultCode).toBe(0);
    expect(param(reversal, 'OriginalTransactionID')).toBe(seeded.receipt);
    const after = await t.sb.control.state();
    expect(after.totalCents).toBe(before.totalCents);
    expect((await t.sb.control.subscriber('254722123456')).balanceCents).toBe(6_000_000 + seeded.amountCents);
    expect((await t.sb.control.organisation('174379')).accountsCents.utility).toBe(25_000_000 - seeded.amountCents);
    const again = await resultOf(token, '/mpesa/reversal/v1/request', reversalBody(t.credential, seeded.receipt, seeded.amountCents / 100));
    expect(again.Result.ResultCode).toBe('R000001');
    expect(after.transactions.find((t) => t.receipt === seeded.receipt)).toMatchObject({ seeded: true, reversedBy: expect.any(String) });
  });
});

describe('the second demo organisation', () => {
  it('takes STK payments with its own app and passkey, and pays out with its own initiator only', async () => {
    const s = SANDBOX_DEMO.second;
    const token = await tokenFor(s.consumerKey, s.consumerSecret);
    const ts = eatTimestamp();
    const push = await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({
      BusinessShortCode: s.shortcode, PartyB: s.shortcode, Password: stkPassword(ts, s.shortcode, s.passkey), Timestamp: ts, Amount: 900, CallBackURL: `${t.cb.url}/stk`,
    }));
    expect(push.status, push.text).toBe(200);
    const id = (push.json as { CheckoutRequestID: string }).CheckoutRequestID;
    await t.cb.waitFor((c) => c.body.includes(id));
    expect((await t.sb.control.organisation(s.shortcode)).accounts.utility).toBe(100_900);
    expect((await t.sb.control.organisation(s.shortcode)).name).toBe('Second Agency Ltd');

    const own = await t.sb.control.securityCredential(s.initiatorPassword);
    const b2c = await resultOf(token, '/mpesa/b2c/v3/paymentrequest', b2cBody(own, { InitiatorName: s.initiatorName, PartyA: s.shortcode, Amount: 400 }));
    expect(b2c.Result.ResultCode).toBe(0);
    const foreign = await resultOf(token, '/mpesa/b2c/v3/paymentrequest', b2cBody(own, { InitiatorName: s.initiatorName, PartyA: '174379', Amount: 400 }));
    expect(foreign.Result.ResultCode).toBe(2001);
    // The demo passkey does not open the second shortcode.
    const wrong = await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody({ BusinessShortCode: s.shortcode, PartyB: s.shortcode }));
    expect(wrong.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Wrong credentials' });
  });

  it('organisations, apps and initiators can be added at run time, and reset removes them', async () => {
    const org = await t.sb.control.addOrganisation({ shortcode: '555001', name: 'Runtime Lettings', passkey: 'runtime-passkey-1', accounts: { utility: 5_000 } });
    expect(org).toMatchObject({ shortcode: '555001', expressEnabled: true, accounts: { working: 0, utility: 5_000, charges: 0 } });
    await t.sb.control.addConsumerApp({ key: 'runtime-key', secret: 'runtime-secret' });
    await t.sb.control.addInitiator({ name: 'runtimeapi', password: 'Runtime1!', shortcodes: ['555001'] });
    const token = await tokenFor('runtime-key', 'runtime-secret');
    const credentialForRuntime = await t.sb.control.securityCredential('Runtime1!');
    const b2c = await resultOf(token, '/mpesa/b2c/v3/paymentrequest', b2cBody(credentialForRuntime, { InitiatorName: 'runtimeapi', PartyA: '555001', Amount: 1_000 }));
    expect(b2c.Result.ResultCode).toBe(0);
    expect((await t.sb.control.organisation('555001')).accounts.utility).toBe(4_000);

    await expect(t.sb.control.addOrganisation({ shortcode: '555001', name: 'Again' })).rejects.toThrow(/409/);
    await expect(t.sb.control.addInitiator({ name: 'x', password: 'y', shortcodes: ['999999'] })).rejects.toThrow(/400/);
    await t.sb.control.reset();
    await expect(t.sb.control.organisation('555001')).rejects.toThrow(/404/);
    const gone = await wire(`${t.sb.url}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${Buffer.from('runtime-key:runtime-secret').toString('base64')}` } });
    expect(gone.status).toBe(400);
  });
});
