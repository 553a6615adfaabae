import { describe, expect, it } from 'vitest';
import { b2cBody, getToken, post, reversalBody, stkBody } from './daraja-client';
import { sandboxForFile } from './fixture';

/** The controls a chaos test needs beyond the classic faults: connection resets and the ledger to compare with. */

const t = sandboxForFile();


const pushBody = (phone: string, amount: number, reference: string) =>
  stkBody({ PartyA: phone, PhoneNumber: phone, Amount: amount, AccountReference: reference, CallBackURL: `${t.cb.url}/stk` });

async function waitForDone(phone: string): Promise<string> {
  for (;;) {
    const s = (await t.sb.control.state()).stk.find((x) => x.phone === phone);
    if (s?.status === 'done') return s.receipt ?? '';
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('reset-connection', () => {
  it('before-work: the socket dies and nothing happened', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'reset-connection', after: 'before-work' });
    await expect(post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, pushBody('254712345678', 10, 'KH-A1'))).rejects.toThrow();
    expect((await t.sb.control.state()).stk).toHaveLength(0);
    expect((await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, pushBody('254712345678', 10, 'KH-A1'))).status).toBe(200);
  });

  it('after-work (the default): the socket dies but the push was taken and completes', async () => {
    await t.sb.control.addFault({ api: 'stk', kind: 'reset-connection' });
    await expect(post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, pushBody('254722123456', 20, 'RG-01'))).rejects.toThrow();
    expect(await waitForDone('254722123456')).toMatch(/^[A-Z0-9]{10}$/);
    expect((await t.sb.control.subscriber('254722123456')).balance).toBe(59_980);
  });

  it('works for OAuth and the initiator APIs as well', async () => {
    await t.sb.control.addFault({ api: 'oauth', kind: 'reset-connection', after: 'before-work' });
    await expect(getToken(t.sb.url)).rejects.toThrow();
    await t.sb.control.addFault({ api: 'b2c', kind: 'reset-connection' });
    await expect(post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { Amount: 100, ResultURL: `${t.cb.url}/result` }))).rejects.toThrow();
    await t.cb.waitFor((c) => c.path === '/result');
    expect((await t.sb.control.subscriber('254712345678')).balance).toBe(80_100);
  });
});

describe('ledger', () => {
  it('tells, per account reference and per receipt, what M-Pesa moved', async () => {
    const start = new Date();
    await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, pushBody('254712345678', 2500, 'KH-A1'));
    const stk = await waitForDone('254712345678');
    await post(t.sb.url, '/mpesa/c2b/v1/simulate', t.token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 1000, Msisdn: '254722123456', BillRefNumber: 'KH-A1' });
    await post(t.sb.url, '/mpesa/c2b/v1/simulate', t.token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: 700, Msisdn: '254711223344', BillRefNumber: 'RG-02' });
    let c2b: { receipt: string; accountReference: string | null }[] = [];
    while (c2b.length < 2) {
      c2b = (await t.sb.control.state()).transactions.filter((t) => t.kind === 'c2b');
      await new Promise((r) => setTimeout(r, 25));
    }
    const rg = c2b.find((t) => t.accountReference === 'RG-02')!.receipt;
    await post(t.sb.url, '/mpesa/reversal/v1/request', t.token, { ...reversalBody(t.credential, rg, 700), ResultURL: `${t.cb.url}/rev` });
    await post(t.sb.url, '/mpesa/b2c/v3/paymentrequest', t.token, b2cBody(t.credential, { Amount: 300, ResultURL: `${t.cb.url}/b2c` }));
    await Promise.all([t.cb.waitFor((c) => c.path === '/rev'), t.cb.waitFor((c) => c.path === '/b2c')]);

    const ledger = await t.sb.control.ledger({ since: start });
    expect(ledger.accounts['KH-A1']).toEqual({ receivedCents: 350_000, reversedCents: 0, netCents: 350_000, receipts: expect.arrayContaining([stk]) });
    expect(ledger.accounts['RG-02']).toMatchObject({ receivedCents: 70_000, reversedCents: 70_000, netCents: 0 });
    expect(ledger.totals).toEqual({ receivedCents: 420_000, reversedCents: 70_000, paidOutCents: 30_000, netCents: 320_000 });
    expect(ledger.utilityCents).toBe(25_000_000 + 320_000);
    expect(ledger.receipts[stk]).toMatchObject({ kind: 'stk', amountCents: 250_000, accountReference: 'KH-A1', payer: '254712345678', status: 'completed', seeded: false });
    expect(ledger.receipts[rg]).toMatchObject({ kind: 'c2b', status: 'reversed' });
    expect(Object.values(ledger.receipts).filter((r) => (r as { kind: string }).kind === 'b2c')).toHaveLength(1);

    const later = await t.sb.control.ledger({ since: new Date(Date.now() + 60_000) });
    expect(later.receipts).toEqual({});
    expect((await t.sb.control.ledger({ shortcode: '174380' })).totals.receivedCents).toBe(0);
  });
});
