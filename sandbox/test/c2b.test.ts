import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { post } from './daraja-client';
import { sandboxForFile } from './fixture';

const t = sandboxForFile();


const register = (version: 'v1' | 'v2', responseType = 'Completed', base = t.cb.url) =>
  post(t.sb.url, `/mpesa/c2b/${version}/registerurl`, t.token, { ShortCode: '174379', ResponseType: responseType, ConfirmationURL: `${base}/confirm`, ValidationURL: `${base}/validate` });
const simulate = (bill = 'HSE-12', amount = 500) =>
  post(t.sb.url, '/mpesa/c2b/v2/simulate', t.token, { ShortCode: 174379, CommandID: 'CustomerPayBillOnline', Amount: amount, Msisdn: '254711223344', BillRefNumber: bill });

describe('C2B', () => {
  it('register answers with the misspelt OriginatorCoversationID', async () => {
    const v2 = await register('v2');
    expect(v2.status).toBe(200);
    expect(Object.keys(v2.json as object)).toEqual(['OriginatorCoversationID', 'ResponseCode', 'ResponseDescription']);
    expect(v2.json).toMatchObject({ ResponseCode: '0', ResponseDescription: 'Success' });
    expect((await register('v1')).json).toMatchObject({ ResponseDescription: 'success' });
    const bad = await post(t.sb.url, '/mpesa/c2b/v2/registerurl', t.token, { ShortCode: '174379', ResponseType: 'completed', ConfirmationURL: 'x', ValidationURL: 'y' });
    expect(bad.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid ResponseType' });
  });

  it('simulate sends validation then confirmation and moves the money', async () => {
    await register('v2');
    const r = await simulate();
    expect(r.json).toMatchObject({ ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
    const validation = await t.cb.waitFor((c) => c.path === '/validate');
    const confirmation = await t.cb.waitFor((c) => c.path === '/confirm');
    const v = validation.json as Record<string, string>;
    expect(Object.keys(v)).toEqual(['TransactionType', 'TransID', 'TransTime', 'TransAmount', 'BusinessShortCode', 'BillRefNumber', 'InvoiceNumber', 'OrgAccountBalance', 'ThirdPartyTransID', 'MSISDN', 'FirstName', 'MiddleName', 'LastName']);
    expect(v).toMatchObject({ TransactionType: 'Pay Bill', TransAmount: '500.00', BusinessShortCode: '174379', BillRefNumber: 'HSE-12', OrgAccountBalance: '', MSISDN: '2547 ***** 344', FirstName: 'Cynthia', LastName: 'Njeri' });
    expect(v.TransTime).toMatch(/^\d{14}$/);
    const c = confirmation.json as Record<string, string>;
    expect(c.TransID).toBe(v.TransID);
    expect(c.OrgAccountBalance).toBe('250500.00');
    expect((await t.sb.control.subscriber('254711223344')).balance).toBe(49_500);
  });

  it('v1 hashes the MSISDN', async () => {
    await register('v1');
    await simulate();
    const v = (await t.cb.waitFor((c) => c.path === '/validate')).json as Record<string, string>;
    expect(v.MSISDN).toBe(createHash('sha256').update('254711223344').digest('hex'));
  });

  it('a rejecting validation stops the payment: no confirmation, no money', async () => {
    await register('v2');
    t.cb.respondWith(200, { ResultCode: 'C2B00012', ResultDesc: 'Rejected' });
    await simulate('NOPE');
    await t.cb.waitFor((c) => c.path === '/validate');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.cb.received.some((c) => c.path === '/confirm')).toBe(false);
    expect((await t.sb.control.subscriber('254711223344')).balance).toBe(50_000);
  });

  it('an unreachable validation URL falls back to ResponseType', async () => {
    await register('v2', 'Cancelled', 'http://127.0.0.1:9');
    await simulate();
    await new Promise((r) => setTimeout(r, 400));
    expect((await t.sb.control.subscriber('254711223344')).balance).toBe(50_000);
    await register('v2', 'Completed', 'http://127.0.0.1:9');
    await simulate('HSE-2', 600);
    await new Promise((r) => setTimeout(r, 400));
    expect((await t.sb.control.subscriber('254711223344')).balance).toBe(49_400);
    const attempts = await t.sb.control.callbacks();
    expect(attempts.filter((a) => a.url.endsWith('/validate')).every((a) => a.error !== undefined)).toBe(true);
  });
});
