import { describe, expect, it } from 'vitest';
import { collectPullPages, formatPullDate, parsePullDate, parsePullRow, type PullPage } from './pull-transactions';
import { pullQueryResponseSchema, pullRegisterResponseSchema } from './pull-transactions-schema';

const row = (id: string, extra: Record<string, unknown> = {}) => ({
  transactionId: id, trxDate: '2025-01-24T10:56:11+03:00', msisdn: 254712345678, sender: 'JANE DOE',
  transactiontype: 'c2b-pay-bill-debit', billreference: 'KH-A1', amount: '168.00', organizationname: 'Demo Properties', ...extra,
});
const ok = (rows: unknown, extra: Record<string, unknown> = {}): PullPage => ({
  httpStatus: 200,
  body: pullQueryResponseSchema.parse({ ResponseRefID: '26178-42530161-2', ResponseCode: '1000', ResponseMessage: 'Success', Response: rows, ...extra }),
});
const noRecords: PullPage = { httpStatus: 200, body: pullQueryResponseSchema.parse({ ResponseCode: '1001', ResponseMessage: 'No records found or Organization Name not available' }) };

/** A fake Daraja: answers pages by OffSetValue and records what was asked. */
function pages(answers: Record<string, PullPage>) {
  const asked: string[] = [];
  return { asked, fetchPage: async (offset: string) => (asked.push(offset), answers[offset] ?? noRecords) };
}

describe('register answers', () => {
  it('reads both key spellings', () => {
    expect(pullRegisterResponseSchema.parse({ ResponseRefID: 'x', 'Response Status': '1000', ShortCode: '174379', 'Response Description': 'ShortCode Registered Successfully' }))
      .toEqual({ responseRefId: 'x', shortcode: '174379', status: '1000', description: 'ShortCode Registered Successfully' });
    expect(pullRegisterResponseSchema.parse({ ResponseStatus: 1001, ResponseDescription: 'ShortCode already Registered' })).toMatchObject({ status: '1001' });
    expect(pullRegisterResponseSchema.safeParse({ ResponseRefID: 'x' }).success).toBe(false);
  });
});

describe('rows', () => {
  it('parses the documented shapes: number msisdn, string amounts with varying decimals, offsets', () => {
    const a = parsePullRow(row('ZobjR29vdz', { amount: '2697.0', trxDate: '2020-08-05T10:13:00Z', msisdn: 72200000 }));
    expect(a).toEqual({ ok: true, transaction: expect.objectContaining({ receipt: 'ZobjR29vdz', amountCents: 269_700, msisdn: '72200000', billReference: 'KH-A1' }) });
    expect(a.ok && a.transaction.occurredAt.toISOString()).toBe('2020-08-05T10:13:00.000Z');
    const b = parsePullRow(row('B', { amount: 168 }));
    expect(b.ok && b.transaction.occurredAt.toISOString()).toBe('2025-01-24T07:56:11.000Z');
    expect(b.ok && b.transaction.amountCents).toBe(16_800);
    expect(parsePullRow(row('C', { amount: 'ten' }))).toMatchObject({ ok: false });
    expect(parsePullRow({ trxDate: 'x' })).toMatchObject({ ok: false });
  });

  it('treats a bare date-time as Nairobi time and refuses impossible dates', () => {
    expect(parsePullDate('2025-01-24T10:56:11')?.toISOString()).toBe('2025-01-24T07:56:11.000Z');
    expect(parsePullDate('2025-01-24 10:56:11')?.toISOString()).toBe('2025-01-24T07:56:11.000Z');
    expect(parsePullDate('2025-01-24T10:56:11+0300')?.toISOString()).toBe('2025-01-24T07:56:11.000Z');
    expect(parsePullDate('2025-02-30T10:00:00Z')).toBeNull();
    expect(parsePullDate('24/01/2025')).toBeNull();
  });

  it('formats the window in Nairobi wall-clock time', () => {
    expect(formatPullDate(new Date('2025-01-24T21:30:05.900Z'))).toBe('2025-01-25 00:30:05');
  });
});

describe('collectPullPages', () => {
  it('accepts [[rows]] and a flat list, pages until an empty page, de-duplicates by receipt, keeps only c2b', async () => {
    const f = pages({
      '0': ok([[row('R1'), row('R2'), row('S1', { transactiontype: 'merchant-to-organization-settlement' })]]),
      '1': ok([row('R2'), row('R3', { trxDate: '2025-01-24T09:00:00+03:00' })]),
      '2': ok([[]]),
    });
    const r = await collectPullPages({ fetchPage: f.fetchPage });
    expect(f.asked).toEqual(['0', '1', '2']);
    expect(r).toMatchObject({ outcome: 'ok', pages: 3, ignoredNonC2b: 1, complete: true, skippedRows: [] });
    expect(r.outcome === 'ok' && r.transactions.map((t) => t.receipt)).toEqual(['R3', 'R1', 'R2']);
  });

  it('stops at TotalPages, and at a 1001 after the first page (the end, not an error)', async () => {
    const counted = pages({ '0': ok([[row('A')]], { TotalPages: 2 }), '1': ok([[row('B')]], { TotalPages: 2 }), '2': ok([[row('C')]]) });
    const r = await collectPullPages({ fetchPage: counted.fetchPage });
    expect(counted.asked).toEqual(['0', '1']);
    expect(r.outcome === 'ok' && r.transactions.map((t) => t.receipt)).toEqual(['A', 'B']);
    const ended = pages({ '0': ok([[row('A')]]) });
    expect(await collectPullPages({ fetchPage: ended.fetchPage })).toMatchObject({ outcome: 'ok', pages: 2, complete: true });
  });

  it('sends a row offset in row mode, and stops when a page brings nothing new', async () => {
    const rowsMode = pages({ '0': ok([[row('A'), row('B')]]), '2': ok([[row('C')]]), '3': ok([[row('C')]]) });
    const r = await collectPullPages({ fetchPage: rowsMode.fetchPage, offsetMode: 'row' });
    expect(rowsMode.asked).toEqual(['0', '2', '3']);
    expect(r.outcome === 'ok' && r.transactions).toHaveLength(3);
    const stuck = { asked: [] as string[], fetchPage: async (o: string) => (stuck.asked.push(o), ok([[row('A')]])) };
    expect(await collectPullPages({ fetchPage: stuck.fetchPage })).toMatchObject({ outcome: 'ok', pages: 2, complete: true });
  });

  it('a 1001 on the first page is ambiguous: no records, or not registered', async () => {
    expect(await collectPullPages({ fetchPage: pages({}).fetchPage })).toEqual({
      outcome: 'no-records-or-not-registered', responseCode: '1001', message: 'No records found or Organization Name not available',
    });
  });

  it('the HTTP 500 envelope and other codes are failures, with what earlier pages brought', async () => {
    const failing: PullPage = { httpStatus: 500, body: pullQueryResponseSchema.parse({ RequestID: 'req-1', ResponseCode: '500', ResponseMessage: 'Failed to retrieve transactions' }) };
    expect(await collectPullPages({ fetchPage: pages({ '0': failing }).fetchPage })).toMatchObject({
      outcome: 'failed', httpStatus: 500, responseCode: '500', message: 'Failed to retrieve transactions', requestId: 'req-1', transactionsSoFar: [],
    });
    const later = await collectPullPages({ fetchPage: pages({ '0': ok([[row('A')]]), '1': failing }).fetchPage });
    expect(later.outcome === 'failed' && later.transactionsSoFar.map((t) => t.receipt)).toEqual(['A']);
  });

  it('reports unreadable rows instead of dropping them, and stops at maxPages as incomplete', async () => {
    const r = await collectPullPages({ fetchPage: pages({ '0': ok([[row('A'), { transactionId: 'B', trxDate: 'soon', amount: '1' }]]) }).fetchPage });
    expect(r.outcome === 'ok' && r.skippedRows).toEqual([{ reason: 'trxDate is not a date: soon', row: expect.objectContaining({ transactionId: 'B' }) }]);
    const endless = { fetchPage: async (o: string) => ok([[row(`R${o}`)]]) };
    expect(await collectPullPages({ ...endless, maxPages: 3 })).toMatchObject({ outcome: 'ok', pages: 3, complete: false });
  });
});
