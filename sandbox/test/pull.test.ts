import { describe, expect, it } from 'vitest';
import { post, reversalBody, stkBody } from './daraja-client';
import { sandboxForFile } from './fixture';

/** Pull Transactions (SPEC §9.5, §13.10). */

const t = sandboxForFile();


const registerPull = (shortcode = '174379', nominated = '254700555666') =>
  post(t.sb.url, '/pulltransactions/v1/register', t.token, { ShortCode: shortcode, RequestType: 'Pull', NominatedNumber: nominated, CallBackURL: `${t.cb.url}/pull` });

/** `YYYY-MM-DD HH:mm:ss` in Nairobi time. */
const nairobi = (d: Date) => new Date(d.getTime() + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const query = (offset: number | string = '0', from = new Date(Date.now() - 3600_000), to = new Date(Date.now() + 60_000), shortcode = '174379') =>
  post(t.sb.url, '/pulltransactions/v1/query', t.token, { ShortCode: shortcode, StartDate: nairobi(from), EndDate: nairobi(to), OffSetValue: String(offset) });

interface PullRow {
  transactionId: string;
  trxDate: string;
  msisdn: number;
  sender: string;
  transactiontype: string;
  billreference: string;
  amount: string;
  organizationname: string;
}
const rowsOf = (json: unknown): PullRow[] => ((json as { Response?: PullRow[][] }).Response ?? []).flat();

async function stkPaid(phone: string, amount: number, reference: string): Promise<string> {
  const r = await post(t.sb.url, '/mpesa/stkpush/v1/processrequest', t.token, stkBody({ PartyA: phone, PhoneNumber: phone, Amount: amount, AccountReference: reference, CallBackURL: `${t.cb.url}/stk` }));
  const id = (r.json as { CheckoutRequestID: string }).CheckoutRequestID;
  for (;;) {
    const s = await t.sb.control.stk(id);
    if (s.status === 'done') return s.receipt ?? '';
    await new Promise((res) => setTimeout(res, 25));
  }
}
async function paybillPaid(phone: string, amount: number, reference: string): Promise<string> {
  const before = new Set((await t.sb.control.state()).transactions.map((t) => t.receipt));
  await post(t.sb.url, '/mpesa/c2b/v1/simulate', t.token, { ShortCode: '174379', CommandID: 'CustomerPayBillOnline', Amount: amount, Msisdn: phone, BillRefNumber: reference });
  for (;;) {
    const tx = (await t.sb.control.state()).transactions.find((t) => !before.has(t.receipt));
    if (tx) return tx.receipt;
    await new Promise((res) => setTimeout(res, 25));
  }
}

describe('register', () => {
  it('answers 1000 once, then 1001, with the spaced keys by default and the unspaced ones on a switch', async () => {
    const first = await registerPull();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ 'Response Status': '1000', ShortCode: '174379', 'Response Description': 'ShortCode Registered Successfully' });
    expect((first.json as Record<string, unknown>).ResponseRefID).toEqual(expect.any(String));
    expect((await registerPull()).json).toMatchObject({ 'Response Status': '1001', 'Response Description': 'ShortCode already Registered' });
    await t.sb.control.setConfig({ pullRegisterKeys: 'unspaced' });
    const unspaced = (await registerPull()).json as Record<string, unknown>;
    expect(unspaced).toMatchObject({ ResponseStatus: '1001', ResponseDescription: 'ShortCode already Registered' });
    expect(unspaced).not.toHaveProperty('Response Status');
  });

  it('has no /mpesa prefix, needs a t.token, refuses the 07… nominated number and unknown shortcodes', async () => {
    expect((await post(t.sb.url, '/mpesa/pulltransactions/v1/register', t.token, {})).status).toBe(404);
    expect((await post(t.sb.url, '/pulltransactions/v1/register', 'stale', {})).json).toMatchObject({ errorCode: '404.001.03' });
    expect((await registerPull('174379', '0700555666')).json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid NominatedNumber' });
    expect((await registerPull('999999')).json).toMatchObject({ errorCode: '400.001', errorMessage: 'Invalid ShortCode' });
  });
});

describe('query', () => {
  it('lists every completed STK and paybill payment, dropped callbacks and reversed ones included', async () => {
    await registerPull();
    await t.sb.control.addFault({ api: 'stk', kind: 'drop-callback' });
    const stk = await stkPaid('254712345678', 2500, 'KH-A1');
    const paybill = await paybillPaid('254722123456', 1800, 'RG-01');
    await t.sb.control.addScenario({ match: { api: 'stk', phone: '254711223344' }, resultCode: '1032' });
    expect(await stkPaid('254711223344', 99, 'KH-A2')).toBe('');
    const credential = await t.sb.control.securityCredential();
    const reversal = await post(t.sb.url, '/mpesa/reversal/v1/request', t.token, { ...reversalBody(credential, paybill, 1800), ResultURL: `${t.cb.url}/r`, QueueTimeOutURL: `${t.cb.url}/t` });
    expect(reversal.status).toBe(200);
    await t.cb.waitFor((c) => c.path === '/r');

    const r = await query();
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ResponseCode: '1000', ResponseMessage: 'Success' });
    expect(Array.isArray((r.json as { Response: unknown[] }).Response[0])).toBe(true);
    const rows = rowsOf(r.json);
    expect(rows.map((row) => row.transactionId)).toEqual([stk, paybill]);
    const [first, second] = rows;
    expect(Object.keys(first!)).toEqual(['transactionId', 'trxDate', 'msisdn', 'sender', 'transactiontype', 'billreference', 'amount', 'organizationname']);
    expect(first).toMatchObject({ msisdn: 254712345678, transactiontype: 'c2b-pay-bill-debit', billreference: 'KH-A1', organizationname: 'Demo Properties', sender: 'AMINA WANJIRU' });
    expect(first!.trxDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$/);
    expect(Math.abs(Date.parse(first!.trxDate) - Date.now())).toBeLessThan(600_000);
    expect(['2500.00', '2500.0']).toContain(first!.amount);
    expect(['1800.00', '1800.0']).toContain(second!.amount);

    await t.sb.control.setConfig({ pullDateZone: 'Z' });
    expect(rowsOf((await query()).json)[0]!.trxDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('pages by page number (default) or row offset, with TotalPages on a switch; past the end is 1001', async () => {
    await registerPull();
    const receipts: string[] = [];
    for (const [i, phone] of ['254712345678', '254722123456', '254711223344', '254723456789', '254795112233'].entries()) {
      receipts.push(await paybillPaid(phone, 100 + i, `REF-${i}`));
    }
    await t.sb.control.setConfig({ pullPageSize: 2, pullTotalPages: true });
    const pages = await Promise.all([0, 1, 2, 3].map((o) => query(o)));
    expect(pages.slice(0, 3).map((p) => rowsOf(p.json).length)).toEqual([2, 2, 1]);
    expect(pages.slice(0, 3).flatMap((p) => rowsOf(p.json).map((r) => r.transactionId))).toEqual(receipts);
    expect(pages[0]!.json).toMatchObject({ TotalPages: 3 });
    expect(pages[3]!.json).toEqual({ ResponseCode: '1001', ResponseMessage: 'No records found or Organization Name not available' });

    await t.sb.control.setConfig({ pullOffsetMode: 'row', pullTotalPages: false });
    const byRow = await query(1);
    expect(rowsOf(byRow.json).map((r) => r.transactionId)).toEqual(receipts.slice(1, 3));
    expect(byRow.json).not.toHaveProperty('TotalPages');
  });

  it('1001 for an unregistered shortcode and an empty window; at most 48 hours back', async () => {
    await paybillPaid('254712345678', 300, 'KH-A1');
    expect((await query()).json).toEqual({ ResponseCode: '1001', ResponseMessage: 'No records found or Organization Name not available' });
    await registerPull();
    expect(rowsOf((await query()).json)).toHaveLength(1);
    const past = await query('0', new Date(Date.now() - 10 * 3600_000), new Date(Date.now() - 5 * 3600_000));
    expect(past.json).toMatchObject({ ResponseCode: '1001' });
    // A window that reaches back beyond 48 hours is answered, but lists nothing older than 48 hours.
    expect(rowsOf((await query('0', new Date(Date.now() - 30 * 24 * 3600_000))).json)).toHaveLength(1);
    expect((await post(t.sb.url, '/pulltransactions/v1/query', t.token, { ShortCode: '174379', StartDate: '2025/01/01', EndDate: nairobi(new Date()), OffSetValue: '0' })).json).toMatchObject({
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid StartDate',
    });
  });

  it('the failed-to-retrieve fault answers HTTP 500 with the Pull envelope; gateway faults apply too', async () => {
    await registerPull();
    await t.sb.control.addFault({ api: 'pull', kind: 'failed-to-retrieve' });
    const failed = await query();
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ RequestID: expect.any(String), ResponseCode: '500', ResponseMessage: 'Failed to retrieve transactions' });
    await t.sb.control.addFault({ api: 'pull', kind: 'spike-arrest' });
    expect((await query()).json).toMatchObject({ errorCode: '500.003.02' });
    expect((await query()).json).toMatchObject({ ResponseCode: '1001' });
  });
});
