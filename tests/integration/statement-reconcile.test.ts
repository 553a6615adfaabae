import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReceiptCheckByReceipt } from '@/db/queries/mpesa-receipt-checks';
import { claimStatementCursor, insertStatementRun } from '@/db/queries/mpesa-statement';
import { leases, mpesaC2bConfirmations, mpesaStatementCursors, mpesaStatementRows, mpesaStatementRuns, payments } from '@/db/schema';
import { registerPaybillUrls } from '@/lib/payments/c2b/register-paybill-urls';
import { reconcileStatement, STATEMENT_CLAIM_SECONDS } from '@/lib/payments/statement/reconcile-statement';
import { registerPull } from '@/lib/payments/statement/register-pull';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * The statement reconciler against the real sandbox: paybill payments whose confirmations never reached the app
 * (dropped, or the app was down) come back from M-Pesa's own statement, each credited exactly once; a statement that
 * claims "no records" for a window in which Haven holds payments is reported as a failure, not as "nothing new".
 */

const SECRET = 'statement-secret';
const PAYERS = ['254711223344', '254723456789', '254795112233', '254110334455', '254712345678'];
const ACCOUNTS = ['KH-A2', 'KH-B1', 'WC-1', 'WC-2', 'KH-A1'];
let w: MpesaWorld;

async function payByPaybill(i: number, amountKes: number): Promise<string> {
  const before = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn: PAYERS[i]!, billRefNumber: ACCOUNTS[i]! });
  const tx = await eventually(async () => (await w.sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && !before.has(t.receipt)), (t) => t !== undefined, { what: 'paybill payment' });
  return tx!.receipt;
}

const paymentsFor = (receipts: string[]) => w.db.db.select().from(payments).where(inArray(payments.mpesaReceiptNumber, receipts));
const agencyId = () => w.callers.admin!.agencyId;

beforeAll(async () => {
  w = await createMpesaWorld({ secret: SECRET, prefix: 'haven_statement' });
}, 120_000);
afterAll(() => w?.stop());

describe('a statement that says "no records" where Haven holds payments', () => {
  it('is reported as a failure, and the window is read again next time (not registered for Pull yet)', async () => {
    const receipt = await payByPaybill(0, 1_010);
    await eventually(() => getReceiptCheckByReceipt(w.db.db, { receipt }), (c) => c?.resolution === 'credited', { what: 'credited by its confirmation' });
    const result = await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'admin', mpesa: w.mpesa });
    expect(result.skipped).toBe(false);
    if (result.skipped) return;
    expect(result.run.outcome).toBe('failed');
    expect(result.run.error).toMatch(/answered 1001 .* for a window in which Haven holds \d+ payment\(s\)/);
  });
});

describe('a run killed mid-way (kill -9 of the app)', () => {
  it('holds the paybill a minute at most; the next run closes it as interrupted and reads the window again', async () => {
    const shortcode = w.mpesa.shortcode;
    // What a run leaves when its process dies: the claim taken and never released, its run row never finished.
    const dead = await claimStatementCursor(w.db.db, { shortcode, agencyId: agencyId(), leaseSeconds: STATEMENT_CLAIM_SECONDS });
    expect(dead).not.toBeNull();
    const orphan = await insertStatementRun(w.db.db, { agencyId: agencyId(), shortcode, trigger: 'sweep', windowFrom: new Date(Date.now() - 3_600_000), windowTo: new Date() });
    expect(await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'admin', mpesa: w.mpesa })).toMatchObject({ skipped: true });

    // A minute and a second later (the clock moved back rather than waited for), the paybill is free again. With a
    // ten-minute claim, payments whose callbacks were lost while the app was down stayed out of the books that long.
    await w.db.db.update(mpesaStatementCursors).set({ runningUntil: sql`running_until - interval '61 seconds'` }).where(eq(mpesaStatementCursors.shortcode, shortcode));
    expect(await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'admin', mpesa: w.mpesa })).toMatchObject({ skipped: false });
    const [closed] = await w.db.db.select().from(mpesaStatementRuns).where(eq(mpesaStatementRuns.id, orphan.id));
    expect(closed).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^Interrupted/) });
    expect(closed!.finishedAt).not.toBeNull();
  });
});

describe('payments whose confirmations never reached the app', () => {
  beforeAll(async () => {
    const registered = await registerPull(w.db.db, { agencyId: agencyId(), actor: null, mpesa: w.mpesa, nominatedNumber: '254700555666' });
    expect(registered.outcome).toMatch(/registered/);
  });

  it('dropped confirmations: every one credited exactly once within one run', async () => {
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback', times: 3 });
    const receipts = [await payByPaybill(1, 2_001), await payByPaybill(2, 2_002), await payByPaybill(3, 2_003)];
    await w.receiver.settle();
    expect(await paymentsFor(receipts)).toHaveLength(0);

    const result = await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'sweep', mpesa: w.mpesa });
    expect(result.skipped).toBe(false);
    if (!result.skipped) expect(result.run).toMatchObject({ outcome: 'ok' });
    const credited = await eventually(() => paymentsFor(receipts), (rows) => rows.length === 3, { what: 'all three credited' });
    expect(credited.map((p) => p.amountCents).sort()).toEqual([200_100, 200_200, 200_300]);
    expect((await w.db.db.select().from(mpesaStatementRows).where(inArray(mpesaStatementRows.receipt, receipts))).length).toBe(3);

    // Again: nothing more.
    await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'sweep', mpesa: w.mpesa });
    await w.receiver.settle();
    expect(await paymentsFor(receipts)).toHaveLength(3);
  });

  it('a confirmation that arrives after the statement booked its receipt shows that credit, not "verifying"', async () => {
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback', times: 1 });
    const receipt = await payByPaybill(4, 2_004);
    await w.receiver.settle();
    await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'sweep', mpesa: w.mpesa });
    const [payment] = await eventually(() => paymentsFor([receipt]), (rows) => rows.length === 1, { what: 'credited from the statement' });

    // The confirmation Daraja "lost" turns up after all (a queue somewhere let it go late).
    const dropped = (await w.sandbox.control.callbacks()).find((c) => c.url.includes('/c2b/confirmation/') && c.error === 'dropped by fault' && c.body.includes(receipt));
    expect(dropped).toBeDefined();
    const res = await fetch(dropped!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: dropped!.body });
    expect(res.status).toBe(200);
    await w.receiver.settle();

    const [confirmation] = await w.db.db.select().from(mpesaC2bConfirmations).where(eq(mpesaC2bConfirmations.transId, receipt));
    expect(confirmation).toMatchObject({ outcome: 'credited', paymentId: payment!.id });
    expect(await paymentsFor([receipt])).toHaveLength(1);
  });

  it('the app down for a burst of paybill payments: after recovery, one run credits each once, on the right lease', async () => {
    // The app is unreachable: Daraja's one delivery attempt of each confirmation fails (SPEC §9.3: no retries).
    await registerPaybillUrls({ client: w.mpesa.client, confirmationUrl: 'http://127.0.0.1:9/c2b/confirmation/x', validationUrl: 'http://127.0.0.1:9/c2b/validation/x' });
    const receipts: string[] = [];
    try {
      for (let i = 0; i < 5; i += 1) receipts.push(await payByPaybill(i, 3_000 + i));
    } finally {
      await registerPaybillUrls({ client: w.mpesa.client, confirmationUrl: w.mpesa.callbackUrl('c2b/confirmation'), validationUrl: w.mpesa.callbackUrl('c2b/validation') });
    }
    const lost = (await w.sandbox.control.callbacks()).filter((c) => c.url.startsWith('http://127.0.0.1:9/'));
    expect(lost.length).toBeGreaterThanOrEqual(5);
    expect(await paymentsFor(receipts)).toHaveLength(0);

    const result = await reconcileStatement(w.db.db, { agencyId: agencyId(), trigger: 'sweep', mpesa: w.mpesa });
    if (!result.skipped) expect(result.run.outcome).toBe('ok');
    const credited = await eventually(() => paymentsFor(receipts), (rows) => rows.length === 5, { what: 'all five credited' });
    for (const [i, receipt] of receipts.entries()) {
      const payment = credited.find((p) => p.mpesaReceiptNumber === receipt)!;
      const [lease] = await w.db.db.select({ ref: leases.accountReference }).from(leases).where(eq(leases.id, payment.leaseId));
      expect(lease?.ref).toBe(ACCOUNTS[i]);
      expect(payment.amountCents).toBe((3_000 + i) * 100);
    }
  });
});
