import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  parseAccountBalanceResult,
  parseB2cResult,
  parseC2bConfirmation,
  parseC2bValidation,
  parseQueueTimeout,
  parseReversalResult,
  parseStkCallback,
  parseTransactionStatusResult,
} from '@/lib/mpesa/callbacks';
import { createDarajaClient, type DarajaClientConfig } from '@/lib/mpesa/client';
import { DarajaCallbackError, DarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { describeResult } from '@/lib/mpesa/result-codes';
import { createMemoryTokenStore } from '@/lib/mpesa/token-store';
import { startCallbackListener, type CallbackListener } from '../support/callback-listener';
import { sandboxClientConfig } from '../support/daraja-test-config';
import { SANDBOX_DEMO, startSandbox, type SandboxHandle } from '../support/sandbox-process';

/** The Daraja client against the real local sandbox process, over HTTP, with callbacks to a real listener. */

let sandbox: SandboxHandle;
let listener: CallbackListener;

beforeAll(async () => {
  [sandbox, listener] = await Promise.all([startSandbox(), startCallbackListener()]);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), listener?.close()]);
});
beforeEach(async () => {
  await sandbox.control.reset();
});

/** A client with its own token store and a fetch wrapper that counts requests per path. */
function makeClient(overrides: Partial<DarajaClientConfig> = {}) {
  const hits = new Map<string, number>();
  const countingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    return fetch(input, init);
  };
  const config = sandboxClientConfig(sandbox, overrides);
  const delays: number[] = [];
  const sleep = (ms: number) => {
    delays.push(ms);
    return new Promise<void>((r) => setTimeout(r, ms));
  };
  const client = createDarajaClient(config, { tokenStore: createMemoryTokenStore(), fetch: countingFetch, sleep });
  return { client, delays, hits: (path: string) => hits.get(path) ?? 0 };
}

const OAUTH = '/oauth/v1/generate';
const STK = '/mpesa/stkpush/v1/processrequest';
const STK_QUERY = '/mpesa/stkpushquery/v1/query';
const B2C_V3 = '/mpesa/b2c/v3/paymentrequest';

const urls = (tag: string) => ({ resultUrl: `${listener.url}/result/${tag}`, queueTimeoutUrl: `${listener.url}/timeout/${tag}` });
const callbackAt = (path: string, ms = 15_000) => listener.waitFor((cb) => cb.path === path, ms).then((cb) => cb.json);

async function payRent(client: ReturnType<typeof makeClient>['client'], tag: string, phoneNumber = '0712 345 678', amountCents = 1_000_00) {
  return client.stkPush({ phoneNumber, amountCents, accountReference: 'HVN-A1', transactionDesc: 'Rent', callbackUrl: `${listener.url}/stk/${tag}` });
}

describe('Daraja client ↔ local sandbox: every API and its callback', () => {
  it('STK push is approved, the callback parses to a receipt, and the query agrees', async () => {
    const { client } = makeClient();
    const tag = randomUUID();
    const ack = await payRent(client, tag);
    expect(ack).toMatchObject({ responseCode: '0' });
    const cb = parseStkCallback(await callbackAt(`/stk/${tag}`));
    expect(cb).toMatchObject({ checkoutRequestId: ack.checkoutRequestId, resultCode: '0', amountCents: 1_000_00, phoneNumber: '254712345678' });
    expect(cb.mpesaReceiptNumber).toMatch(/^[A-Z0-9]{10}$/);
    expect(cb.transactionDate).toBeInstanceOf(Date);
    expect(await client.stkQuery({ checkoutRequestId: ack.checkoutRequestId })).toMatchObject({ state: 'FINAL', resultCode: '0' });
  });

  it('STK query is PENDING while the prompt is open (4999 and legacy 500), and a wrong PIN ends in 2001', async () => {
    const { client } = makeClient();
    const tag = randomUUID();
    const ack = await payRent(client, tag, '254758990011', 500_00);
    await sandbox.control.waitForPrompt('254758990011');
    expect(await client.stkQuery({ checkoutRequestId: ack.checkoutRequestId })).toMatchObject({ state: 'PENDING', resultCode: '4999' });
    await sandbox.control.setConfig({ stkQueryPendingMode: 'legacy-500' });
    expect((await client.stkQuery({ checkoutRequestId: ack.checkoutRequestId })).state).toBe('PENDING');
    await sandbox.control.answerPrompt('254758990011', { pin: '0000' });
    const cb = parseStkCallback(await callbackAt(`/stk/${tag}`));
    expect(cb.resultCode).toBe('2001');
    expect(describeResult({ api: 'stk', code: cb.resultCode }).message).toMatch(/wrong M-Pesa PIN/);
  });

  it('B2C v3 (our OriginatorConversationID) and v1 pay out, and the results parse', async () => {
    const { client } = makeClient();
    const id = `haven-${randomUUID()}`;
    const ack = await client.b2cPayment({ originatorConversationId: id, phoneNumber: '+254 712 345 678', amountCents: 2_500_00, commandId: 'BusinessPayment', remarks: 'Deposit refund', occasion: 'lease 42', ...urls(id) });
    expect(ack).toMatchObject({ originatorConversationId: id, responseCode: '0' });
    const result = parseB2cResult(await callbackAt(`/result/${id}`));
    expect(result).toMatchObject({ resultCode: '0', originatorConversationId: id, conversationId: ack.conversationId, amountCents: 2_500_00, receiverPhone: '254712345678' });
    expect(result.completedAt).toBeInstanceOf(Date);

    const v1 = await client.b2cPayment({ originatorConversationId: 'ignored-by-v1', phoneNumber: '0712345678', amountCents: 10_00, commandId: 'SalaryPayment', remarks: 'v1 payout', version: 'v1', ...urls('v1') });
    const v1Result = parseB2cResult(await callbackAt('/result/v1'));
    expect(v1Result.conversationId).toBe(v1.conversationId);
  });

  it('reversal of a paid rent, account balance and transaction status each reach their callback', async () => {
    const { client } = makeClient();
    const tag = randomUUID();
    await payRent(client, tag, '0712345678', 300_00);
    const receipt = parseStkCallback(await callbackAt(`/stk/${tag}`)).mpesaReceiptNumber ?? '';

    const status = await client.queryTransactionStatus({ transactionId: receipt, remarks: 'Reconcile', ...urls(`status-${tag}`) });
    expect(status.responseCode).toBe('0');
    const statusResult = parseTransactionStatusResult(await callbackAt(`/result/status-${tag}`));
    expect(statusResult).toMatchObject({ resultCode: '0', receiptNo: receipt, amountCents: 300_00 });

    await client.reverseTransaction({ transactionId: receipt, amountCents: 300_00, remarks: 'Paid twice', ...urls(`rev-${tag}`) });
    const reversal = parseReversalResult(await callbackAt(`/result/rev-${tag}`));
    expect(reversal).toMatchObject({ resultCode: '0', originalTransactionId: receipt, amountCents: 300_00 });

    await client.queryAccountBalance({ remarks: 'Balance', ...urls(`bal-${tag}`) });
    const balance = parseAccountBalanceResult(await callbackAt(`/result/bal-${tag}`));
    expect(balance.resultCode).toBe('0');
    expect(balance.accounts.find((a) => a.name === 'Utility Account')?.availableCents).toBeGreaterThan(0);
  });

  it('C2B: register URLs, simulate a paybill payment, parse validation and confirmation', async () => {
    const { client } = makeClient();
    const tag = randomUUID();
    const reg = await client.registerC2bUrls({ confirmationUrl: `${listener.url}/c2b/confirm/${tag}`, validationUrl: `${listener.url}/c2b/validate/${tag}`, responseType: 'Completed' });
    expect(reg.responseCode).toBe('0');
    await client.simulateC2b({ amountCents: 1_200_00, msisdn: '0712 345 678', billRefNumber: 'HVN-A1-0042' });
    const validation = parseC2bValidation(await callbackAt(`/c2b/validate/${tag}`));
    const confirmation = parseC2bConfirmation(await callbackAt(`/c2b/confirm/${tag}`));
    expect(validation).toMatchObject({ amountCents: 1_200_00, billRefNumber: 'HVN-A1-0042' });
    expect(confirmation).toMatchObject({ transId: validation.transId, amountCents: 1_200_00, businessShortCode: SANDBOX_DEMO.shortcode });
  });

  it('C2B simulate is refused in production before any request', async () => {
    const { client, hits } = makeClient({ environment: 'production' });
    await expect(client.simulateC2b({ amountCents: 100_00, msisdn: '0712345678', billRefNumber: 'x' })).rejects.toMatchObject({ kind: 'validation' });
    expect(hits(OAUTH)).toBe(0);
  });

  it('a queue timeout reaches QueueTimeOutURL and parses as unknown outcome with our ids', async () => {
    const { client } = makeClient();
    await sandbox.control.addFault({ api: 'b2c', kind: 'queue-timeout' });
    const id = `haven-${randomUUID()}`;
    const ack = await client.b2cPayment({ originatorConversationId: id, phoneNumber: '0712345678', amountCents: 50_00, commandId: 'BusinessPayment', remarks: 'Refund', ...urls(id) });
    const timeout = parseQueueTimeout(await callbackAt(`/timeout/${id}`));
    expect(timeout).toMatchObject({ outcome: 'unknown', originatorConversationId: id, conversationId: ack.conversationId });
  });

  it('a wrong initiator password is accepted, then the result says 2001', async () => {
    const { client } = makeClient({ initiatorPassword: 'not-the-password' });
    const id = `haven-${randomUUID()}`;
    const ack = await client.b2cPayment({ originatorConversationId: id, phoneNumber: '0712345678', amountCents: 50_00, commandId: 'BusinessPayment', remarks: 'Refund', ...urls(id) });
    expect(ack.responseCode).toBe('0');
    const result = parseB2cResult(await callbackAt(`/result/${id}`));
    expect(result.resultCode).toBe('2001');
    expect(describeResult({ api: 'b2c', code: result.resultCode }).status).toBe('FAILED');
  });
});

describe('tokens', () => {
  it('fifty concurrent calls on a cold cache make one token fetch', async () => {
    const { client } = makeClient();
    const ack = await payRent(client, randomUUID());
    const fresh = makeClient();
    const results = await Promise.all(Array.from({ length: 50 }, () => fresh.client.stkQuery({ checkoutRequestId: ack.checkoutRequestId })));
    expect(results).toHaveLength(50);
    expect(fresh.hits(OAUTH)).toBe(1);
    expect(fresh.hits(STK_QUERY)).toBe(50);
  });

  it('an expired token is refreshed once and the call retried once', async () => {
    const { client, hits } = makeClient();
    const id = `haven-${randomUUID()}`;
    await client.getAccessToken();
    await sandbox.control.expireTokens();
    await client.b2cPayment({ originatorConversationId: id, phoneNumber: '0712345678', amountCents: 20_00, commandId: 'BusinessPayment', remarks: 'Refund', ...urls(id) });
    expect(hits(OAUTH)).toBe(2);
    expect(hits(B2C_V3)).toBe(2);
    expect(parseB2cResult(await callbackAt(`/result/${id}`)).resultCode).toBe('0');
  });

  it('wrong consumer credentials are an auth error', async () => {
    const { client } = makeClient({ consumerSecret: 'wrong' });
    await expect(client.getAccessToken()).rejects.toMatchObject({ kind: 'auth', api: 'oauth', httpStatus: 400 });
  });
});

describe('failures', () => {
  it('spike arrest is retried with backoff and the push goes through once', async () => {
    const { client, hits, delays } = makeClient();
    await sandbox.control.addFault({ api: 'stk', kind: 'spike-arrest', times: 2 });
    const tag = randomUUID();
    const ack = await payRent(client, tag);
    expect(hits(STK)).toBe(3);
    // Exponential backoff with jitter: base 20 ms → first wait in [10, 20], second in [20, 40].
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    expect(delays[1]).toBeGreaterThanOrEqual(delays[0] ?? 0);
    expect(parseStkCallback(await callbackAt(`/stk/${tag}`)).checkoutRequestId).toBe(ack.checkoutRequestId);
    const state = await sandbox.control.state();
    expect(state.stk).toHaveLength(1);
  });

  it('a 503 before acceptance is retried for B2C; a 500 without outcome is unknown and not resent', async () => {
    const { client, hits } = makeClient();
    await sandbox.control.addFault({ api: 'b2c', kind: 'http-error', status: 503 });
    const id = `haven-${randomUUID()}`;
    await client.b2cPayment({ originatorConversationId: id, phoneNumber: '0712345678', amountCents: 20_00, commandId: 'BusinessPayment', remarks: 'Refund', ...urls(id) });
    expect(hits(B2C_V3)).toBe(2);

    await sandbox.control.addFault({ api: 'stk', kind: 'http-error', status: 500 });
    const e = await payRent(client, randomUUID()).catch((err: unknown) => err);
    expect(isUnknownOutcome(e)).toBe(true);
    expect(e).toMatchObject({ httpStatus: 500, errorCode: '500.003.1001', retrySafe: false });
    expect(hits(STK)).toBe(1);
  });

  it('an STK push whose answer is late is reported as unknown and never resent', async () => {
    const { client, hits } = makeClient({ httpTimeoutMs: 400 });
    await client.getAccessToken();
    await sandbox.control.addFault({ api: 'stk', kind: 'slow-ack', delayMs: 1_500 });
    const tag = randomUUID();
    const e = await payRent(client, tag).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DarajaError);
    expect(e).toMatchObject({ kind: 'unknown-outcome', api: 'stk-push', retrySafe: false });
    // The sandbox did take it: the tenant is charged once, and the callback still comes.
    const cb = parseStkCallback(await callbackAt(`/stk/${tag}`));
    expect(cb.resultCode).toBe('0');
    expect(hits(STK)).toBe(1);
    expect((await sandbox.control.state()).stk).toHaveLength(1);
  });

  it('a malformed callback from the sandbox is rejected with a clear error, not half-parsed', async () => {
    const { client } = makeClient();
    await sandbox.control.addFault({ api: 'stk', kind: 'malformed-callback' });
    const tag = randomUUID();
    await payRent(client, tag);
    const cb = await listener.waitFor((c) => c.path === `/stk/${tag}`);
    expect(() => parseStkCallback(cb.json ?? cb.body)).toThrow(DarajaCallbackError);
  });

  it('bad input is refused with a clear message before any request', async () => {
    const { client, hits } = makeClient();
    await expect(payRent(client, 'x', '0712')).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/phone|number/i) });
    await expect(payRent(client, 'x', '0712345678', 1_050)).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/whole shillings/) });
    await expect(client.b2cPayment({ originatorConversationId: 'a', phoneNumber: '0712345678', amountCents: 5_00, commandId: 'BusinessPayment', remarks: 'Refund', ...urls('a') })).rejects.toMatchObject({ kind: 'validation' });
    expect(hits(OAUTH) + hits(STK) + hits(B2C_V3)).toBe(0);
  });
});
