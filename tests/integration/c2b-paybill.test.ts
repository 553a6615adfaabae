import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDatabase, type Db } from '@/db/client';
import { insertInboxRow } from '@/db/queries/callback-inbox';
import { getLeaseBalance, listLeaseCharges, listPaymentAllocations } from '@/db/queries/ledger';
import { getC2bConfirmationByTransId } from '@/db/queries/mpesa-c2b';
import { getReceiptCheckByReceipt } from '@/db/queries/mpesa-receipt-checks';
import { getPushByCheckoutId } from '@/db/queries/mpesa-transactions';
import { countLeasePayments, getPaymentByPushId, getPaymentByReceipt } from '@/db/queries/payments';
import { auditLog, callbackInbox, leases, payments } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { darajaTimestamp } from '@/lib/mpesa/timestamp';
import { receiveCallback } from '@/lib/payments/callback-intake';
import { createC2bValidationRoute } from '@/lib/payments/c2b/c2b-validation-route';
import { decideC2bValidation } from '@/lib/payments/c2b/decide-c2b-validation';
import { registerPaybillUrls } from '@/lib/payments/c2b/register-paybill-urls';
import { processInboxRowById } from '@/lib/payments/process-inbox';
import { initiateStkPush } from '@/lib/payments/stk/initiate-stk-push';
import { resolvePushIfDue } from '@/lib/payments/stk/resolve-stk-status';
import { getStkSettings } from '@/lib/payments/stk/stk-settings';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';
import { paidWithReceipt, waitForPush } from './stk-support';

/**
 * Paybill (C2B) payments end to end at the service level: the real sandbox process registers our URLs and POSTs
 * validation (answered by the real route handler) and confirmation (stored by the real intake, applied by the
 * registered `c2b-confirmation` processor) to a real Postgres database. A confirmation is only a claim: its receipt
 * is proven with Transaction Status before anything is credited. Only Next's `after()` is stood in for.
 */

const SECRET = 'c2b-test-secret';
const SHORTCODE = '174379';
const AMINA = '254712345678';

let w: MpesaWorld;
let db: MpesaWorld['db'];
let sandbox: MpesaWorld['sandbox'];
let paybill: { url: string; settle(): Promise<void>; close(): Promise<void> };
let aminaLease: string;
let aminaAccount: string;

/** Stand-in for the two Next routes: validation through the real handler, confirmation through the real intake. */
async function startPaybillReceiver(testDb: Db) {
  const validation = createC2bValidationRoute();
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const [, kind, secret = ''] = /^\/c2b\/(validation|confirmation)\/([^/]*)$/.exec(req.url ?? '') ?? [];
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
        let response: Response;
        if (kind === 'validation') response = await validation(request, { params: Promise.resolve({ secret }) });
        else {
          const intake = await receiveCallback(request, { kind: 'c2b-confirmation', secret });
          response = intake.ok ? Response.json({ ResultCode: 0, ResultDesc: 'Accepted' }) : intake.response;
          if (intake.ok) {
            const work = processInboxRowById(testDb, { id: intake.rowId });
            inFlight.add(work);
            void work.finally(() => inFlight.delete(work));
          }
        }
        res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    settle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What Transaction Status proved about a receipt and what the books did with it, once they did. */
const resolvedCheck = (receipt: string) =>
  eventually(() => getReceiptCheckByReceipt(db.db, { receipt }), (c) => c?.resolution != null, { what: `receipt ${receipt} resolved` });

/** Waits for the sandbox to finish a paybill payment for `billRef` and for our processing of it; returns its TransID. */
async function simulatePaybill(billRef: string, amountKes: number, msisdn = AMINA): Promise<string> {
  const known = new Set((await sandbox.control.state()).transactions.map((t) => t.receipt));
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn, billRefNumber: billRef });
  const tx = await eventually(async () => (await sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && !known.has(t.receipt)), (t) => t !== undefined, { what: `paybill payment for ${billRef}` });
  await eventually(async () => (await sandbox.control.callbacks()).some((c) => c.ref === tx!.receipt && c.url.includes('/c2b/confirmation/') && c.status !== null), (v) => v, { what: 'confirmation answered' });
  await paybill.settle();
  await resolvedCheck(tx!.receipt);
  return tx!.receipt;
}

function confirmationBody(p: { transId: string; amountKes: number; billRef: string; msisdn?: string }) {
  return JSON.stringify({
    TransactionType: 'Pay Bill', TransID: p.transId, TransTime: darajaTimestamp(new Date()), TransAmount: `${p.amountKes}.00`,
    BusinessShortCode: SHORTCODE, BillRefNumber: p.billRef, InvoiceNumber: '', OrgAccountBalance: '', ThirdPartyTransID: '',
    MSISDN: p.msisdn ?? AMINA, FirstName: 'Amina', MiddleName: '', LastName: 'Wanjiru',
  });
}

async function processConfirmation(body: string) {
  const row = await insertInboxRow(db.db, { kind: 'c2b-confirmation', path: '/c2b/confirmation/:secret', headers: {}, sourceAddress: '127.0.0.1', body });
  await processInboxRowById(db.db, { id: row.id });
  const [stored] = await db.db.select().from(callbackInbox).where(eq(callbackInbox.id, row.id));
  return stored!;
}

const totalPayments = async () => Number((await db.db.select({ n: sql<number>`count(*)::int` }).from(payments))[0]?.n ?? 0);
const inboxFor = (kind: 'c2b-validation' | 'c2b-confirmation', transId: string) =>
  db.db.select().from(callbackInbox).where(and(eq(callbackInbox.kind, kind), eq(callbackInbox.correlationId, transId)));
const register = (validationSecret = SECRET) =>
  registerPaybillUrls({ client: w.mpesa.client, confirmationUrl: `${paybill.url}/c2b/confirmation/${SECRET}`, validationUrl: `${paybill.url}/c2b/validation/${validationSecret}` });

beforeAll(async () => {
  w = await createMpesaWorld({ secret: SECRET, prefix: 'haven_c2b' });
  ({ db, sandbox } = w);
  // The real route handlers reach the database through getDb(): point it at this test database (never at .data).
  Object.assign(process.env, { DATABASE_URL: db.url!, MPESA_CALLBACK_SECRET: SECRET, MPESA_BASE_URL: sandbox.url, HAVEN_DATA_DIR: mkdtempSync(join(tmpdir(), 'haven-c2b-')) });
  expect(getEnv().databaseUrl).toBe(db.url);
  paybill = await startPaybillReceiver(db.db);
  aminaLease = w.leases.amina!;
  aminaAccount = (await db.db.select().from(leases).where(eq(leases.id, aminaLease)))[0]!.accountReference;

  await register();
  expect((await sandbox.control.state()).c2bRegistrations[SHORTCODE]).toMatchObject({ responseType: 'Completed', validationUrl: `${paybill.url}/c2b/validation/${SECRET}` });
}, 90_000);

afterAll(async () => {
  await paybill?.settle();
  await paybill?.close();
  await (await getDatabase()).close();
  await w?.stop();
});

beforeEach(() => Promise.all([sandbox.control.clearFaults(), sandbox.control.clearScenarios()]));

describe('a tenant pays by paybill with the lease account number', () => {
  it('validation accepts; one payment is credited to the oldest unpaid charge, audited', async () => {
    const oldest = (await listLeaseCharges(db.db, { leaseId: aminaLease })).find((c) => c.outstandingCents > 0)!;
    const before = await getLeaseBalance(db.db, { leaseId: aminaLease });
    const count = await countLeasePayments(db.db, { leaseId: aminaLease });

    // Typed in lower case with spaces: account numbers match case-insensitively, trimmed.
    const transId = await simulatePaybill(`  ${aminaAccount.toLowerCase()} `, 5_000);

    const [validation] = await inboxFor('c2b-validation', transId);
    expect(validation).toMatchObject({ outcome: 'applied' });
    const reply = (await sandbox.control.callbacks()).find((c) => c.ref === transId && c.url.includes('/c2b/validation/'));
    expect(JSON.parse(reply!.response!)).toEqual({ ResultCode: '0', ResultDesc: 'Accepted' });

    const payment = await getPaymentByReceipt(db.db, { receipt: transId });
    // The confirmation's MSISDN is hashed (v1); the payer is the one Transaction Status proves.
    expect(payment).toMatchObject({ leaseId: aminaLease, amountCents: 500_000, method: 'mpesa_paybill', payerPhone: AMINA, status: 'completed' });
    expect(await resolvedCheck(transId)).toMatchObject({ status: 'CONFIRMED', route: 'paybill', amountCents: 500_000, payerMsisdn: AMINA, resolution: 'credited' });
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count + 1);
    expect(before.dueCents - (await getLeaseBalance(db.db, { leaseId: aminaLease })).dueCents).toBe(500_000);
    expect(await listPaymentAllocations(db.db, { paymentId: payment!.id })).toMatchObject([{ chargeId: oldest.id, amountCents: 500_000 }]);
    expect(await getC2bConfirmationByTransId(db.db, { transId })).toMatchObject({ outcome: 'credited', paymentId: payment!.id, leaseId: aminaLease });
    const audits = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.credited'), eq(auditLog.targetId, payment!.id)));
    expect(audits).toHaveLength(1);
  });

  it('the same confirmation delivered three times at once, then replayed, credits one payment', async () => {
    await sandbox.control.addFault({ api: 'c2b', kind: 'duplicate-callback', copies: 3, concurrent: true });
    const count = await countLeasePayments(db.db, { leaseId: aminaLease });
    const transId = await simulatePaybill(aminaAccount, 1_200);
    let rows = await inboxFor('c2b-confirmation', transId);
    for (let i = 0; i < 200 && (rows.length < 3 || rows.some((r) => !r.processedAt)); i += 1) {
      await new Promise((r) => setTimeout(r, 25));
      await paybill.settle();
      rows = await inboxFor('c2b-confirmation', transId);
    }
    expect(rows.map((r) => r.outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    const replay = await processConfirmation(rows[0]!.body);
    expect(replay.outcome).toBe('duplicate');
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count + 1);
    expect(await getPaymentByReceipt(db.db, { receipt: transId })).toMatchObject({ amountCents: 120_000 });
  });
});

describe('the same money by two routes', () => {
  // Read lazily: the environment is parsed once, after beforeAll pointed it at this test's database.
  const settings = () => getStkSettings({ queryAfterSeconds: 0, queryMinIntervalSeconds: 0 });
  const payAmina = (amountCents: number) => initiateStkPush(db.db, { caller: w.callers.amina!, leaseId: aminaLease, phoneNumber: AMINA, amountCents, mpesa: w.mpesa });

  it('an STK push credited from the query alone gets its receipt from the paybill twin, once proven; still one payment', async () => {
    await sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    // The sandbox's own twin confirmation would arrive before the query below; this test delivers it by hand, later.
    await sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback' });
    const count = await countLeasePayments(db.db, { leaseId: aminaLease });
    const { push } = await payAmina(90_000);
    const ref = { checkoutRequestId: push.checkoutRequestId! };
    await eventually(() => sandbox.control.stk(ref.checkoutRequestId), (x) => x.status === 'done', { what: 'sandbox finished the push' });
    expect(await resolvePushIfDue(db.db, { push: (await getPushByCheckoutId(db.db, ref))!, settings: settings() })).toBe('applied');
    const credited = await getPaymentByPushId(db.db, { pushId: push.id });
    expect(credited).toMatchObject({ amountCents: 90_000, mpesaReceiptNumber: null });

    // Daraja confirms an STK payment into the paybill on the C2B URL too, under the same receipt (SPEC §9.6).
    const { receipt } = await sandbox.control.stk(ref.checkoutRequestId);
    const row = await processConfirmation(confirmationBody({ transId: receipt!, amountKes: 900, billRef: aminaAccount }));
    expect(row).toMatchObject({ outcome: 'applied', correlationId: receipt });
    expect(await resolvedCheck(receipt!)).toMatchObject({ route: 'stk', resolution: 'receipt-attached', paymentId: credited!.id });
    expect(await getPaymentByPushId(db.db, { pushId: push.id })).toMatchObject({ id: credited!.id, mpesaReceiptNumber: receipt });
    expect(await getPushByCheckoutId(db.db, ref)).toMatchObject({ status: 'SUCCESS', mpesaReceiptNumber: receipt });
    expect(await getC2bConfirmationByTransId(db.db, { transId: receipt! })).toMatchObject({ outcome: 'receipt_attached', paymentId: credited!.id });

    // The dropped STK callback arriving late now changes nothing either.
    const dropped = (await sandbox.control.callbacks()).find((c) => c.ref === ref.checkoutRequestId);
    await fetch(`${w.receiver.base}/callback/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: dropped!.body });
    await w.receiver.settle();
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count + 1);
  });

  it('the paybill twin first, then the STK query saying success: the twin, proven to be this push, is its payment; still one', async () => {
    await sandbox.control.addFault({ api: 'stk', kind: 'drop-callback' });
    const count = await countLeasePayments(db.db, { leaseId: aminaLease });
    const { push } = await payAmina(70_000);
    const ref = { checkoutRequestId: push.checkoutRequestId! };
    const { receipt } = await eventually(() => sandbox.control.stk(ref.checkoutRequestId), (x) => x.status === 'done', { what: 'sandbox finished the push' });
    await paybill.settle();
    expect(await resolvedCheck(receipt!)).toMatchObject({ route: 'stk', resolution: 'credited' });
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count + 1);
    expect(await getPushByCheckoutId(db.db, ref)).toMatchObject({ status: 'SUCCESS', mpesaReceiptNumber: receipt });

    expect(await resolvePushIfDue(db.db, { push: (await getPushByCheckoutId(db.db, ref))!, settings: settings() })).toBe('skipped');
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count + 1);
    expect(await getPaymentByPushId(db.db, { pushId: push.id })).toMatchObject({ mpesaReceiptNumber: receipt, method: 'mpesa_stk' });
  });

  it('a paybill confirmation for money the STK callback already credited is a duplicate', async () => {
    const { push } = await payAmina(40_000);
    const paid = await waitForPush(db.db, push.id, paidWithReceipt);
    const stkPayment = await getPaymentByPushId(db.db, { pushId: paid.id });
    await paybill.settle();
    const count = await countLeasePayments(db.db, { leaseId: aminaLease });

    const row = await processConfirmation(confirmationBody({ transId: paid.mpesaReceiptNumber!, amountKes: 400, billRef: aminaAccount }));
    expect(row.outcome).toBe('duplicate');
    expect(await getC2bConfirmationByTransId(db.db, { transId: paid.mpesaReceiptNumber! })).toMatchObject({ paymentId: stkPayment!.id });
    expect(await countLeasePayments(db.db, { leaseId: aminaLease })).toBe(count);
  });
});

describe('money for an account number nobody has', () => {
  it('validation rejects with C2B00012: the money never moves and nothing is credited', async () => {
    const [paymentsBefore, wallet] = await Promise.all([totalPayments(), sandbox.control.subscriber(AMINA)]);
    await w.mpesa.client.simulateC2b({ amountCents: 70_000, msisdn: AMINA, billRefNumber: 'NOPE-99' });
    let attempt;
    for (let i = 0; i < 200 && !attempt; i += 1) {
      // Listed as soon as it is sent; wait for our answer.
      attempt = (await sandbox.control.callbacks()).find((c) => c.url.includes('/c2b/validation/') && c.body.includes('NOPE-99') && c.status !== null);
      if (!attempt) await new Promise((r) => setTimeout(r, 25));
    }
    expect(JSON.parse(attempt!.response!)).toEqual({ ResultCode: 'C2B00012', ResultDesc: 'Rejected' });
    const [stored] = await inboxFor('c2b-validation', attempt!.ref!);
    expect(stored).toMatchObject({ outcome: 'unmatched' });
    expect((await sandbox.control.subscriber(AMINA)).balanceCents).toBe(wallet.balanceCents);
    expect(await getC2bConfirmationByTransId(db.db, { transId: attempt!.ref! })).toBeNull();
    expect(await totalPayments()).toBe(paymentsBefore);
  });

  it('validation rejects a non-whole or out-of-range amount with C2B00013', async () => {
    for (const amount of ['10.50', '0', '250001.00']) {
      const body = JSON.parse(confirmationBody({ transId: 'VAL0000001', amountKes: 1, billRef: aminaAccount })) as Record<string, string>;
      expect((await decideC2bValidation(db.db, { body: JSON.stringify({ ...body, TransAmount: amount }) })).code).toBe('C2B00013');
    }
    expect((await decideC2bValidation(db.db, { body: confirmationBody({ transId: 'VAL0000002', amountKes: 1, billRef: aminaAccount }) })).code).toBe('0');
  });

  it('with validation unreachable, money for an unknown account is proven, kept unmatched for a person, and not credited', async () => {
    const paymentsBefore = await totalPayments();
    // Validation answers 404 (wrong secret): `ResponseType: Completed` lets the payment through (SPEC §9.1).
    await register('not-the-secret');
    try {
      const transId = await simulatePaybill('NOPE-42', 3_000);
      expect(await resolvedCheck(transId)).toMatchObject({ status: 'CONFIRMED', resolution: 'unmatched', paymentId: null, claimedAccountReference: 'NOPE-42' });
      const stored = await getC2bConfirmationByTransId(db.db, { transId });
      expect(stored).toMatchObject({ outcome: 'unmatched', paymentId: null, leaseId: null, amountCents: 300_000, billRefNumber: 'NOPE-42' });
      expect(stored!.agencyId).not.toBeNull();
      expect(await db.db.select().from(auditLog).where(eq(auditLog.action, 'receipt.confirmed'))).not.toHaveLength(0);
      expect(await totalPayments()).toBe(paymentsBefore);
    } finally {
      await register();
    }
  });

  it('a wrong secret is a 404 and stores nothing', async () => {
    const before = (await db.db.select().from(callbackInbox)).length;
    const res = await fetch(`${paybill.url}/c2b/validation/wrong-secret`, { method: 'POST', body: confirmationBody({ transId: 'X', amountKes: 1, billRef: aminaAccount }) });
    expect(res.status).toBe(404);
    expect((await db.db.select().from(callbackInbox)).length).toBe(before);
  });
});
