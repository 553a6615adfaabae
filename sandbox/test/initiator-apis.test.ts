import { describe, expect, it } from 'vitest';
import { b2cBody, balanceBody, param, post, reversalBody, statusBody, stkBody, type ResultBody } from './daraja-client';
import { sandboxForFile } from './fixture';

const t = sandboxForFile();


interface Ack {
  ConversationID: string;
  OriginatorConversationID: string;
  ResponseCode: string;
  ResponseDescription: string;
}
const urls = () => ({ ResultURL: `${t.cb.url}/result`, QueueTimeOutURL: `${t.cb.url}/timeout` });
async function call(path: string, body: Record<string, unknown>): Promise<Ack> {
  const r = await post(t.sb.url, path, t.token, { ...body, ...urls() });
  expect(r.status, r.text).toBe(200);
  return r.json as Ack;
}
const resultFor = async (ack: Ack) => {
  const got = await t.cb.waitFor((c) => c.body.includes(ack.ConversationID), 8000);
  return { raw: got.body, body: got.json as ResultBody, path: got.path };
};

async function payRent(phone: string, amount: number): Promise<string> {
  const r = await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, stkBody({ PartyA: phone, PhoneNumber: phone, Amount: amount, CallBackURL: `${t.cb.url}/stk` }));
  const id = (r.json as { CheckoutRequestID: string }).CheckoutRequestID;
  await t.cb.waitFor((c) => c.body.includes(id), 8000);
  const s = await t.sb.control.stk(id);
  expect(s.resultCode).toBe('0');
  return s.receipt ?? '';
}

describe('B2C', () => {
  it('v3 echoes the OriginatorConversationID and posts the success Result', async () => {
    const body = b2cBody(t.credential, { Amount: 1500 });
    const ack = await call('/mpesa/b2c/v3/paymentrequest', body);
    expect(ack).toEqual({
      ConversationID: expect.stringMatching(/^AG_\d{8}_[0-9a-f]{20}$/),
      OriginatorConversationID: body.OriginatorConversationID,
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    });
    const { raw, body: result, path } = await resultFor(ack);
    expect(path).toBe('/result');
    expect(raw).toContain('{"Key":"TransactionAmount","Value":1500.00}');
    expect(raw).toContain('{"Key":"B2CUtilityAccountAvailableFunds","Value":248500.00}');
    expect(result.Result).toMatchObject({ ResultType: 0, ResultCode: 0, ResultDesc: 'The service request is processed successfully.', OriginatorConversationID: body.OriginatorConversationID, ConversationID: ack.ConversationID });
    expect(result.Result.TransactionID).toMatch(/^[L-Z][A-L][1-9A-V][A-Z0-9]{7}$/);
    expect(param(result, 'TransactionReceipt')).toBe(result.Result.TransactionID);
    expect(param(result, 'ReceiverPartyPublicName')).toBe('254712345678 - Amina Wanjiru');
    expect(param(result, 'TransactionCompletedDateTime')).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(param(result, 'B2CRecipientIsRegisteredCustomer')).toBe('Y');
    expect(result.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' });
    expect((await t.sb.control.subscriber('254712345678')).balance).toBe(81_500);
    expect((await t.sb.control.subscriber('254712345678')).sms[0]?.text).toContain('You have received Ksh1,500.00 from Demo Properties 174379');
  });

  it('v1 hands out a gateway OriginatorConversationID and accepts Occasion', async () => {
    const { OriginatorConversationID: _drop, Occassion: _o, ...v1 } = b2cBody(t.credential, { PartyA: '600996', Occasion: 'x' });
    const ack = await call('/mpesa/b2c/v1/paymentrequest', v1);
    expect(ack.OriginatorConversationID).toMatch(/^\d{4,5}-\d{5,8}-1$/);
    expect((await resultFor(ack)).body.Result.ResultCode).toBe(0);
    expect((await t.sb.control.organisation('600996')).accounts.utility).toBe(999_900);
  });

  it('a reused OriginatorConversationID is 500.002.1001', async () => {
    const body = b2cBody(t.credential);
    await call('/mpesa/b2c/v3/paymentrequest', body);
    const r = await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, body);
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ errorCode: '500.002.1001', errorMessage: 'Duplicate OriginatorConversationID.' });
  });

  it('validates fields synchronously', async () => {
    const r = await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { PartyB: '0712345678' }));
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid PartyB' });
    const missing = await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { InitiatorName: undefined }));
    expect(missing.json).toMatchObject({ errorMessage: 'Bad Request - Invalid InitiatorName' });
  });

  it('a wrong t.credential is acked, fails with 2001, and repeated failures lock the initiator (8006)', async () => {
    const wrong = await t.sb.control.securityCredential('not-the-password');
    const codes: (string | number)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const ack = await call('/mpesa/b2c/v3/paymentrequest', b2cBody(i === 3 ? t.credential : wrong));
      const { body } = await resultFor(ack);
      codes.push(body.Result.ResultCode);
      expect(body.Result.ResultParameters).toBeUndefined();
      expect(body.Result.TransactionID).toMatch(/^[A-Z][A-L][1-9A-V]0000000$/);
    }
    expect(codes).toEqual([2001, 2001, 2001, 8006]);
    expect((await t.sb.control.subscriber('254712345678')).balance).toBe(80_000);
    await t.sb.control.setInitiator('testapi', { locked: false });
    const ok = await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential));
    expect((await resultFor(ok)).body.Result.ResultCode).toBe(0);
  });

  it('insufficient Utility funds → 1; scenarios override', async () => {
    const ack = await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential, { Amount: 250_000, PartyB: '254700555666' }));
    expect((await resultFor(ack)).body.Result.ResultCode).toBe(0);
    const short = await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential, { Amount: 10 }));
    expect((await resultFor(short)).body.Result.ResultCode).toBe(1);
    await t.sb.control.addScenario({ match: { api: 'b2c' }, resultCode: 'SFC_IC0003' });
    const sc = await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential, { PartyA: '600996' }));
    expect((await resultFor(sc)).raw).toContain('"ResultCode":"SFC_IC0003"');
  });
});

describe('reversal, balance and status', () => {
  it('reverses a rent payment once; R000001 the second time, R000002 for an unknown receipt', async () => {
    const receipt = await payRent('254722123456', 2500);
    const ack = await call('/mpesa/reversal/v1/request', reversalBody(t.credential, receipt, 2500));
    expect(ack.ResponseDescription).toBe('Accept the service request successfully.');
    const { raw, body } = await resultFor(ack);
    expect(body.Result.ResultCode).toBe(0);
    expect(param(body, 'OriginalTransactionID')).toBe(receipt);
    expect(param(body, 'DebitAccountBalance')).toBe('Utility Account|KES|250000.00|250000.00|0.00|0.00');
    expect(raw).toContain('{"Key":"Amount","Value":2500.00}');
    expect(raw).toContain('{"Key":"Charge","Value":0.00}');
    expect(param(body, 'TransCompletedTime')).toEqual(expect.any(Number));
    expect(param(body, 'CreditPartyPublicName')).toBe('254722123456 - Brian Otieno');
    expect(param(body, 'DebitPartyPublicName')).toBe('174379 - Demo Properties');
    expect(body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit' });
    expect((await t.sb.control.subscriber('254722123456')).balance).toBe(60_000);

    const again = await call('/mpesa/reversal/v1/request', reversalBody(t.credential, receipt, 2500));
    expect((await resultFor(again)).raw).toContain('"ResultCode":"R000001"');
    const unknown = await call('/mpesa/reversal/v1/request', reversalBody(t.credential, 'SKC82PACB8', 10));
    const u = await resultFor(unknown);
    expect(u.body.Result).toMatchObject({ ResultCode: 'R000002', ResultDesc: 'The OriginalTransactionID is invalid.' });
  });

  it('account balance reports the true balances in the &/| string', async () => {
    await payRent('254711223344', 1000);
    const ack = await call('/mpesa/accountbalance/v1/query', balanceBody(t.credential));
    expect(ack.ResponseDescription).toBe('Accept the service request successfully');
    const { body } = await resultFor(ack);
    expect(body.Result.ResultCode).toBe(0);
    expect(param(body, 'AccountBalance')).toBe(
      'Working Account|KES|0.00|0.00|0.00|0.00&Utility Account|KES|251000.00|251000.00|0.00|0.00&Charges Paid Account|KES|0.00|0.00|0.00|0.00',
    );
    expect(param(body, 'BOCompletedTime')).toMatch(/^\d{14}$/);
    expect(body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit' });
  });

  it('a locked initiator gets the 8006 balance failure with its parameters and a valueless ReferenceItem', async () => {
    await t.sb.control.setInitiator('testapi', { locked: true });
    const { body } = await resultFor(await call('/mpesa/accountbalance/v1/query', balanceBody(t.credential)));
    expect(body.Result.ResultCode).toBe(8006);
    expect(param(body, 'ErrorMsg')).toBe('API Password is locked. ');
    expect(body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'QueueTimeoutURL' });
  });

  it('transaction status finds receipts and B2C ids, and answers 2032 for unknown receipts', async () => {
    const receipt = await payRent('254723456789', 3000);
    const { body } = await resultFor(await call('/mpesa/transactionstatus/v1/query', statusBody(t.credential, { TransactionID: receipt })));
    expect(body.Result.ResultCode).toBe(0);
    expect(param(body, 'ReceiptNo')).toBe(receipt);
    expect(param(body, 'Amount')).toBe(3000);
    expect(param(body, 'TransactionStatus')).toBe('Completed');
    // A payment in is answered in the collection shape (SPEC §8.1; the full shape is in payments-in.test.ts).
    expect(param(body, 'DebitPartyName')).toBe('0723456789 - DAVID KIPROTICH');
    expect(param(body, 'CreditPartyName')).toBe('174379 -  Demo Properties');
    expect(body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion', Value: 'Recon' });

    const b2c = b2cBody(t.credential, { Amount: 200 });
    await resultFor(await call('/mpesa/b2c/v3/paymentrequest', b2c));
    const byId = await resultFor(await call('/mpesa/transactionstatus/v1/query', statusBody(t.credential, { OriginalConversationID: b2c.OriginatorConversationID })));
    expect(param(byId.body, 'ReasonType')).toBe('Business Payment to Customer via API');
    expect(byId.body.Result.TransactionID).not.toMatch(/0000000$/);
    expect(byId.body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion', Value: 'Recon' });
    const noOccasion = await resultFor(await call('/mpesa/transactionstatus/v1/query', statusBody(t.credential, { OriginalConversationID: b2c.OriginatorConversationID, Occasion: undefined })));
    expect(noOccasion.body.Result.ReferenceData.ReferenceItem).toEqual({ Key: 'Occasion' });

    const missing = await resultFor(await call('/mpesa/transactionstatus/v1/query', statusBody(t.credential, { TransactionID: 'TJ3MX6CLYC' })));
    expect(missing.body.Result).toMatchObject({ ResultCode: 2032, ResultDesc: 'The transaction receipt number does not exist.' });

    const none = await post(t.sb.url, '/mpesa/transactionstatus/v1/query', t.token, statusBody(t.credential));
    expect(none.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid TransactionID' });
  });
});

describe('the money world', () => {
  it('keeps the sum of all balances constant across payments, refunds and reversals', async () => {
    const start = (await t.sb.control.state()).totalCents;
    const r1 = await payRent('254712345678', 12_000);
    await payRent('254795112233', 8_000);
    await resultFor(await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential, { Amount: 5_000, PartyB: '254795112233' })));
    await resultFor(await call('/mpesa/b2c/v3/paymentrequest', b2cBody(t.credential, { Amount: 700, PartyA: '600996', PartyB: '254110334455' })));
    await resultFor(await call('/mpesa/reversal/v1/request', reversalBody(t.credential, r1, 12_000)));
    const state = await t.sb.control.state();
    expect(state.totalCents).toBe(start);
    const sum = state.subscribers.reduce((a, s) => a + s.balanceCents, 0) + state.organisations.reduce((a, o) => a + o.accountsCents.working + o.accountsCents.utility + o.accountsCents.charges, 0);
    expect(sum).toBe(start);
    expect((await t.sb.control.organisation('174379')).accounts.utility).toBe(250_000 + 8_000 - 5_000);
    const receipts = state.transactions.map((t) => t.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
    expect(receipts).toHaveLength(5);
  });
});
