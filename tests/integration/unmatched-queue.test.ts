import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLeaseBalance } from '@/db/queries/ledger';
import { auditLog, paymentCorrections, payments, rateLimitHits, unplacedPaymentActions, unplacedPayments } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { isAppError } from '@/lib/errors';
import { nairobiDate } from '@/lib/ledger/rent-period';
import { buildDailyProof } from '@/lib/payments/proof/build-daily-proof';
import { reconcileStatement } from '@/lib/payments/statement/reconcile-statement';
import { registerPull } from '@/lib/payments/statement/register-pull';
import { listUnmatchedQueue } from '@/lib/unmatched/list-unmatched-queue';
import { runUnplacedAction } from '@/lib/unmatched/run-unplaced-action';
import { callerByEmail, eventually } from '../support/mpesa-world';
import { createStkWorld, type StkWorld } from './stk-support';

/**
 * Issue 10 item 4, the unmatched queue, against the real sandbox and Postgres: a paybill payment to an account no
 * lease has (validation unanswered, so `ResponseType: Completed` lets it through) is proven by Transaction Status and
 * queued; an admin places it once, undoes it with a correcting entry, marks it not ours and back; another agency's
 * admin neither sees nor touches it.
 */

const SECRET = 'unmatched-secret';
const AMINA = '254712345678';
let w: StkWorld;
let admin: Caller;
let foreignAdmin: Caller;

const itemOf = (receipt: string) => w.db.db.select().from(unplacedPayments).where(eq(unplacedPayments.receipt, receipt)).then((r) => r[0] ?? null);
const balanceOf = async (leaseId: string) => {
  const b = await getLeaseBalance(w.db.db, { leaseId });
  return b.dueCents - b.creditCents;
};
const act = (caller: Caller, itemId: string, input: Parameters<typeof runUnplacedAction>[1]['input']) => runUnplacedAction(w.db.db, { caller, itemId, input });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAppError(e) ? e.code : e));

/** A paybill payment for an account no lease has; returns its receipt once the queue holds it, proven. */
async function payUnknownAccount(amountKes: number, account: string): Promise<string> {
  const before = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn: AMINA, billRefNumber: account });
  const tx = await eventually(
    async () => (await w.sandbox.control.state()).transactions.find((t) => !before.has(t.receipt) && t.kind === 'c2b'),
    (t) => t !== undefined,
    { what: 'the paybill payment in the sandbox' },
  );
  const receipt = tx!.receipt;
  await eventually(() => itemOf(receipt), (i) => i?.state === 'open', { what: `receipt ${receipt} open in the queue` });
  return receipt;
}

beforeAll(async () => {
  w = await createStkWorld(SECRET);
  admin = w.callers.admin!;
  foreignAdmin = await callerByEmail(w.db.db, 'admin@umoja.example.com');
  // Validation that does not answer in time: the registration's `Completed` lets an unknown account's money in.
  await w.sandbox.control.setConfig({ c2bValidationTimeoutMs: 1 });
}, 120_000);
afterAll(() => w?.stop());
beforeEach(async () => {
  await w.db.db.delete(rateLimitHits);
  await Promise.all([w.sandbox.control.clearFaults(), w.sandbox.control.clearScenarios()]);
});

describe('the unmatched queue', () => {
  it('lists a paybill payment to an unknown account with its evidence and ranked candidates, to its own agency only', async () => {
    const receipt = await payUnknownAccount(1_500, 'kh a1 rent');
    const queue = await listUnmatchedQueue(w.db.db, { caller: admin });
    const item = queue.items.find((i) => i.receipt === receipt)!;
    expect(item).toMatchObject({ state: 'open', proven: true, amountCents: 150_000, accountReference: 'kh a1 rent', payer: '0712 ••• 678', source: 'c2b-confirmation' });
    expect(item.actions).toEqual(['place', 'refund', 'not_ours']);
    expect(item.evidence.confirmation).toContain(receipt);
    expect(item.evidence.transactionStatus).toContain('Result');
    // Amina paid from her own phone and typed her own account, loosely: her lease comes first, with both reasons.
    expect(item.candidates[0]).toMatchObject({ leaseId: w.leases.amina });
    expect(item.candidates[0]!.reasons).toEqual(expect.arrayContaining(['Paid from the tenant’s phone', expect.stringContaining('contains KH-A1')]));

    expect((await listUnmatchedQueue(w.db.db, { caller: foreignAdmin })).items.map((i) => i.receipt)).not.toContain(receipt);
    expect(await failure(act(foreignAdmin, item.id, { action: 'place', leaseId: w.leases.amina!, reason: 'Not mine to place' }))).toBe('not_found');
    expect(await failure(act(w.callers.amina!, item.id, { action: 'not_ours', reason: 'A tenant tries' }))).toBe('not_found');
    expect((await itemOf(receipt))?.state).toBe('open');
  });

  it('places a payment once under concurrent clicks, undoes it with a correcting entry, and places it again', async () => {
    const receipt = await payUnknownAccount(2_100, 'NOPE-77');
    const item = (await itemOf(receipt))!;
    const amina = w.leases.amina!;
    const brian = w.leases.brian!;
    const [aminaBefore, brianBefore] = [await balanceOf(amina), await balanceOf(brian)];

    const results = await Promise.allSettled([
      act(admin, item.id, { action: 'place', leaseId: amina, reason: 'Amina says she paid' }),
      act(admin, item.id, { action: 'place', leaseId: amina, reason: 'Amina says she paid' }),
      act(admin, item.id, { action: 'place', leaseId: brian, reason: 'Wrong click' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const credited = await w.db.db.select().from(payments).where(eq(payments.mpesaReceiptNumber, receipt));
    expect(credited).toHaveLength(1);
    const placedOn = credited[0]!.leaseId;
    const other = placedOn === amina ? brian : amina;
    expect(await balanceOf(placedOn)).toBe((placedOn === amina ? aminaBefore : brianBefore) - 210_000);
    expect(await balanceOf(other)).toBe(placedOn === amina ? brianBefore : aminaBefore);
    expect(await itemOf(receipt)).toMatchObject({ state: 'placed', paymentId: credited[0]!.id });
    expect(await w.db.db.select().from(auditLog).where(and(eq(auditLog.action, 'unmatched.placed'), eq(auditLog.targetId, item.id)))).toHaveLength(1);
    const proofOfToday = () => buildDailyProof(w.db.db, { agencyId: admin.agencyId, shortcode: '174379', day: nairobiDate(new Date()) });
    const booksOnce = (await proofOfToday()).books.totalCents;

    await act(admin, item.id, { action: 'undo', reason: 'Placed on the wrong lease' });
    expect(await balanceOf(placedOn)).toBe(placedOn === amina ? aminaBefore : brianBefore);
    expect(await itemOf(receipt)).toMatchObject({ state: 'open', paymentId: null });
    const [correction] = await w.db.db.select().from(paymentCorrections).where(eq(paymentCorrections.paymentId, credited[0]!.id));
    expect(correction).toMatchObject({ kind: 'void' });
    expect((await listUnmatchedQueue(w.db.db, { caller: admin })).items.find((i) => i.receipt === receipt)?.state).toBe('open');
    // A second undo has nothing to undo.
    expect(await failure(act(admin, item.id, { action: 'undo', reason: 'Again' }))).toBe('conflict');

    // Placed again (on the other lease): one live payment for the receipt, never two.
    await act(admin, item.id, { action: 'place', leaseId: other, reason: 'The right lease this time' });
    expect(await balanceOf(other)).toBe((other === amina ? aminaBefore : brianBefore) - 210_000);
    const live = (await w.db.db.select().from(payments).where(eq(payments.status, 'completed'))).filter((p) => p.mpesaReceiptNumber === receipt || p.reference === receipt);
    expect(live).toHaveLength(1);
    const history = await w.db.db.select().from(unplacedPaymentActions).where(eq(unplacedPaymentActions.itemId, item.id));
    expect(history.map((h) => h.action).sort()).toEqual(['place', 'place', 'undo']);
    // The daily proof counts the receipt once: one payment into the paybill, however often it was placed.
    expect((await proofOfToday()).books.totalCents).toBe(booksOnce);
  });

  it('marks a payment not ours and undoes that; an unproven action is refused with what to do', async () => {
    const receipt = await payUnknownAccount(900, 'SOMEONE-ELSE');
    const item = (await itemOf(receipt))!;
    await act(admin, item.id, { action: 'not_ours', reason: 'Paid to the wrong paybill by a stranger' });
    expect((await itemOf(receipt))?.state).toBe('not_ours');
    expect(await failure(act(admin, item.id, { action: 'place', leaseId: w.leases.amina!, reason: 'Changed my mind' }))).toBe('conflict');
    await act(admin, item.id, { action: 'undo', reason: 'The stranger turned out to be a tenant' });
    expect((await itemOf(receipt))?.state).toBe('open');
    const actions = await w.db.db.select().from(unplacedPaymentActions).where(eq(unplacedPaymentActions.itemId, item.id));
    const notOurs = actions.find((a) => a.action === 'not_ours')!;
    expect(actions.find((a) => a.action === 'undo')?.undoesId).toBe(notOurs.id);
    expect(await w.db.db.select().from(auditLog).where(and(eq(auditLog.targetId, item.id), eq(auditLog.action, 'unmatched.undone')))).toHaveLength(1);
  });

  it('refunds a payment to the phone that paid it through the payout rules', async () => {
    const receipt = await payUnknownAccount(50, 'TYPO-1');
    const item = (await itemOf(receipt))!;
    await act(admin, item.id, { action: 'refund', reason: 'Tenant asked for it back' });
    const after = (await itemOf(receipt))!;
    expect(after.state).toBe('refunding');
    expect(after.payoutId).not.toBeNull();
    expect(await failure(act(admin, item.id, { action: 'refund', reason: 'Twice' }))).toBe('conflict');
    expect(await failure(act(admin, item.id, { action: 'undo', reason: 'Cannot call money back' }))).toBe('conflict');
  });

  it('queues a statement row that names no lease; a late confirmation of a placed receipt credits nothing more', async () => {
    const registered = await registerPull(w.db.db, { agencyId: admin.agencyId, actor: null, mpesa: w.mpesa, nominatedNumber: '254700555666' });
    expect(registered.outcome).toMatch(/registered/);
    await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback', times: 1 });
    const before = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
    await w.mpesa.client.simulateC2b({ amountCents: 444_400, msisdn: AMINA, billRefNumber: 'LOST-1' });
    const tx = await eventually(async () => (await w.sandbox.control.state()).transactions.find((t) => !before.has(t.receipt) && t.kind === 'c2b'), (t) => t !== undefined, { what: 'paybill payment' });
    const receipt = tx!.receipt;
    await w.receiver.settle();
    expect(await itemOf(receipt)).toBeNull();

    await reconcileStatement(w.db.db, { agencyId: admin.agencyId, trigger: 'admin', mpesa: w.mpesa });
    const item = (await eventually(() => itemOf(receipt), (i) => i?.state === 'open', { what: 'statement row queued' }))!;
    expect(item.source).toBe('statement');
    await act(admin, item.id, { action: 'place', leaseId: w.leases.amina!, reason: 'Amina showed the SMS' });

    // The dropped confirmation turns up after all (delivered again by hand), with an account that names a lease.
    const dropped = (await w.sandbox.control.callbacks()).find((c) => c.api === 'c2b' && c.error?.includes('dropped') && c.body.includes(receipt))!;
    const body = JSON.stringify({ ...(JSON.parse(dropped.body) as Record<string, unknown>), BillRefNumber: 'KH-A1' });
    await fetch(`${w.receiver.base}/c2b/confirmation/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await w.receiver.settle();
    await reconcileStatement(w.db.db, { agencyId: admin.agencyId, trigger: 'admin', mpesa: w.mpesa });
    await w.receiver.settle();
    const rows = (await w.db.db.select().from(payments)).filter((p) => p.mpesaReceiptNumber === receipt || p.reference === receipt);
    expect(rows).toHaveLength(1);
    expect((await itemOf(receipt))?.state).toBe('placed');
  });
});
