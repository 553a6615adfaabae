import { describe, expect, it } from 'vitest';
import { parseTransactionStatusResult } from '@/lib/mpesa/callbacks';
import { createDarajaClient, type DarajaClientConfig } from '@/lib/mpesa/client';
import { createMemoryTokenStore } from '@/lib/mpesa/token-store';
import { sandboxClientConfig } from '../support/daraja-test-config';
import { sandboxForFile } from '../../sandbox/test/fixture';

/** The Daraja client's Pull Transactions and the collection Transaction Status, against the real sandbox process. */

const t = sandboxForFile();


function makeClient(overrides: Partial<DarajaClientConfig> = {}) {
  const config = sandboxClientConfig(t.sb, { retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 100 }, ...overrides });
  return createDarajaClient(config, { tokenStore: createMemoryTokenStore() });
}

const window = () => ({ from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 60_000) });

async function stkPaid(client: ReturnType<typeof makeClient>, phone: string, amountKes: number, reference: string): Promise<{ receipt: string; merchantRequestId: string }> {
  const ack = await client.stkPush({ phoneNumber: phone, amountCents: amountKes * 100, accountReference: reference, transactionDesc: 'Rent', callbackUrl: `${t.cb.url}/stk` });
  for (;;) {
    const s = await t.sb.control.stk(ack.checkoutRequestId);
    if (s.status === 'done') return { receipt: s.receipt ?? '', merchantRequestId: ack.merchantRequestId };
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Pull Transactions through the client', () => {
  it('registers (1000, then 1001 as already registered) with either key spelling', async () => {
    const client = makeClient();
    const params = { nominatedNumber: '0700 555 666', callbackUrl: `${t.cb.url}/pull` };
    expect(await client.registerPullTransactions(params)).toMatchObject({ outcome: 'registered', status: '1000' });
    await t.sb.control.setConfig({ pullRegisterKeys: 'unspaced' });
    expect(await client.registerPullTransactions(params)).toMatchObject({ outcome: 'already-registered', status: '1001' });
  });

  it('before registering: the ambiguous 1001; after: every payment, dropped callbacks included, across pages', async () => {
    const client = makeClient();
    await t.sb.control.addFault({ api: 'stk', kind: 'drop-callback', times: 5 });
    const paid = [];
    for (const [i, phone] of ['254712345678', '254722123456', '254711223344', '254723456789', '254795112233'].entries()) {
      paid.push((await stkPaid(client, phone, 100 + i, `REF-${i}`)).receipt);
    }
    expect(await client.queryPullTransactions(window())).toMatchObject({ outcome: 'no-records-or-not-registered', responseCode: '1001' });

    await client.registerPullTransactions({ nominatedNumber: '254700555666', callbackUrl: `${t.cb.url}/pull` });
    await t.sb.control.setConfig({ pullPageSize: 2 });
    const result = await client.queryPullTransactions(window());
    expect(result.outcome).toBe('ok');
    if (result.outcome !== 'ok') return;
    expect(result.pages).toBe(4);
    expect(result.complete).toBe(true);
    expect(result.transactions.map((t) => t.receipt)).toEqual(paid);
    expect(result.transactions[0]).toMatchObject({ msisdn: '254712345678', billReference: 'REF-0', amountCents: 10_000, transactionType: 'c2b-pay-bill-debit', organizationName: 'Demo Properties' });
    expect(Math.abs(result.transactions[0]!.occurredAt.getTime() - Date.now())).toBeLessThan(600_000);

    // Row offsets and TotalPages, `Z` dates: the same statement.
    await t.sb.control.setConfig({ pullOffsetMode: 'row', pullTotalPages: true, pullDateZone: 'Z' });
    const byRow = await client.queryPullTransactions({ ...window(), offsetMode: 'row' });
    expect(byRow.outcome === 'ok' && byRow.transactions.map((t) => t.receipt)).toEqual(paid);
    expect(byRow.outcome === 'ok' && byRow.transactions[0]!.occurredAt.getTime()).toBe(result.transactions[0]!.occurredAt.getTime());
  });

  it('HTTP 500 "Failed to retrieve transactions" is a failure result, not an exception; windows over 48 h are refused', async () => {
    const client = makeClient();
    await client.registerPullTransactions({ nominatedNumber: '254700555666', callbackUrl: `${t.cb.url}/pull` });
    await t.sb.control.addFault({ api: 'pull', kind: 'failed-to-retrieve' });
    expect(await client.queryPullTransactions(window())).toMatchObject({ outcome: 'failed', httpStatus: 500, responseCode: '500', message: 'Failed to retrieve transactions' });
    await expect(client.queryPullTransactions({ from: new Date(Date.now() - 49 * 3600_000), to: new Date() })).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('Transaction Status for an STK payment through the client', () => {
  it('proves the receipt: payer number, shortcode, MerchantRequestID, and the query ids for correlation', async () => {
    const client = makeClient();
    const { receipt, merchantRequestId } = await stkPaid(client, '0722 123 456', 2500, 'RG-01');
    const ack = await client.queryTransactionStatus({ transactionId: receipt, remarks: 'Verify', resultUrl: `${t.cb.url}/status`, queueTimeoutUrl: `${t.cb.url}/timeout` });
    const got = await t.cb.waitFor((c) => c.path === '/status' && c.body.includes(ack.conversationId));
    const result = parseTransactionStatusResult(got.body);
    expect(result).toMatchObject({
      resultCode: '0', receiptNo: receipt, amountCents: 250_000, reasonType: 'Pay Bill Online', transactionStatus: 'Completed',
      payerMsisdn: '254722123456', creditShortcode: '174379', queriedOriginatorConversationId: merchantRequestId,
      transactionIdIsPlaceholder: true, occasionEchoed: false,
      statusQuery: { conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId },
    });
  });
});
