import { describe, expect, it } from 'vitest';
import { b2cBody, post, stkBody, type ResultBody } from './daraja-client';
import { sandboxForFile } from './fixture';

const t = sandboxForFile();


const push = (phone = '254712345678') =>
  post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, stkBody({ PartyA: phone, PhoneNumber: phone, CallBackURL: `${t.cb.url}/stk` }));
const pushId = async (phone?: string) => ((await push(phone)).json as { CheckoutRequestID: string }).CheckoutRequestID;
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('sync faults', () => {
  it('http-error 500 and 503 for the next n calls, then normal', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'http-error', status: 500 });
    await t.sb.control.addFault({ api: 'oauth', kind: 'http-error', status: 503 });
    const a = await push();
    expect(a.status).toBe(500);
    expect(a.json).toMatchObject({ errorCode: '500.003.1001', errorMessage: 'Internal Server Error' });
    const o = await fetch(`${t.sb.url}/oauth/v1/generate?grant_type=client_credentials`);
    expect(o.status).toBe(503);
    expect((await push()).status).toBe(200);
  });

  it('spike arrest answers 500.003.02 `times` times', async () => {
    await t.sb.control.addFault({ api: 'b2c', kind: 'spike-arrest', times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const r = await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential));
      expect(r.status).toBe(500);
      expect(r.json).toMatchObject({ errorCode: '500.003.02', errorMessage: 'Error Occurred: Spike Arrest Violation' });
    }
    expect((await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential))).status).toBe(200);
  });

  it('slow-ack delays the answer but not the work', async () => {
    await t.sb.control.addFault({ api: 'stk-query', kind: 'slow-ack', delayMs: 300 });
    const started = Date.now();
    const r = await post(t.sb.url, '/mpesa/stkpushquery/v1/query', t.token, { BusinessShortCode: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(400);
  });
});

describe('callback faults', () => {
  it('duplicate-callback sends n identical copies', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'duplicate-callback', copies: 3, concurrent: true });
    const id = await pushId();
    await t.cb.waitFor((c) => c.body.includes(id));
    await settle();
    const copies = t.cb.received.filter((c) => c.body.includes(id));
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => c.body)).size).toBe(1);
    expect((await t.sb.control.callbacks()).filter((a) => a.ref === id && a.status === 200)).toHaveLength(3);
    expect((await t.sb.control.subscriber('254712345678')).balance).toBe(79_999);
  });

  it('drop-callback records the attempt but sends nothing; the money still moved', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'drop-callback' });
    const id = await pushId();
    await settle(500);
    expect(t.cb.received.some((c) => c.body.includes(id))).toBe(false);
    const attempts = await t.sb.control.callbacks();
    expect(attempts.find((a) => a.ref === id)).toMatchObject({ status: null, error: 'dropped by fault' });
    expect((await t.sb.control.stk(id)).resultCode).toBe('0');
  });

  it('delay-callback holds the result back', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'delay-callback', delayMs: 600 });
    const id = await pushId();
    await settle(400);
    expect((await t.sb.control.stk(id)).status).toBe('done');
    expect(t.cb.received.some((c) => c.body.includes(id))).toBe(false);
    await t.cb.waitFor((c) => c.body.includes(id), 3000);
  });

  it('callback-before-ack delivers the result before the synchronous answer', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'callback-before-ack' });
    const r = await push();
    const id = (r.json as { CheckoutRequestID: string }).CheckoutRequestID;
    expect(t.cb.received.some((c) => c.body.includes(id))).toBe(true);
    await t.sb.control.addFault({ api: 'b2c', kind: 'callback-before-ack' });
    const b = await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { ResultURL: `${t.cb.url}/result` }));
    const conv = (b.json as { ConversationID: string }).ConversationID;
    expect(t.cb.received.some((c) => c.body.includes(conv))).toBe(true);
  });

  it('reorder-callbacks delivers the next callbacks newest first', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'reorder-callbacks', count: 2 });
    const first = await pushId('254712345678');
    await settle(300);
    const second = await pushId('254722123456');
    await t.cb.waitFor((c) => c.body.includes(first));
    const order = t.cb.received.map((c) => (c.body.includes(first) ? 'first' : c.body.includes(second) ? 'second' : 'other'));
    expect(order).toEqual(['second', 'first']);
  });

  it('malformed-callback sends a truncated body', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'malformed-callback' });
    const id = await pushId();
    await settle(500);
    const got = t.cb.received.at(-1);
    expect(got?.json).toBeNull();
    expect(got?.body.startsWith('{"Body":{"stkCallback":')).toBe(true);
    const attempt = (await t.sb.control.callbacks()).find((a) => a.ref === id);
    expect(attempt?.body).toBe(got?.body);
  });

  it('queue-timeout sends the modelled Result to QueueTimeOutURL and moves no money', async () => {
    await t.sb.control.addFault({ api: 'b2c', kind: 'queue-timeout' });
    await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { ResultURL: `${t.cb.url}/result`, QueueTimeOutURL: `${t.cb.url}/timeout` }));
    const got = await t.cb.waitFor((c) => c.path === '/timeout');
    const body = got.json as ResultBody;
    expect(body.Result.ResultCode).not.toBe(0);
    expect(body.Result.ResultDesc).toMatch(/timed out/);
    await settle(200);
    expect(t.cb.received.some((c) => c.path === '/result')).toBe(false);
    expect((await t.sb.control.subscriber('254712345678')).balance).toBe(80_000);
  });

  it('lists every delivery attempt with URL, body, status, response and time', async () => {
    t.cb.respondWith(500, { oops: true });
    const id = await pushId();
    await t.cb.waitFor((c) => c.body.includes(id));
    await settle(100);
    const [attempt] = await t.sb.control.callbacks();
    expect(attempt).toMatchObject({ api: 'stk', url: `${t.cb.url}/stk`, status: 500, response: '{"oops":true}', ref: id });
    expect(attempt?.body).toContain(id);
    expect(Date.parse(attempt?.at ?? '')).not.toBeNaN();
  });

  it('rejects malformed control input', async () => {
    const r = await fetch(`${t.sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ api: 'stk', kind: 'explode' }) });
    expect(r.status).toBe(400);
  });
});
