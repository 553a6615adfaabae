import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { getPayoutForCaller } from '@/db/queries/mpesa-b2c';
import { agencies, auditLog, mpesaB2cTransactions, payments, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { approveRequest, OWN_PHONE_APPROVAL_MESSAGE, rejectRequest, SELF_APPROVAL_MESSAGE } from '@/lib/payments/approvals/decide-request';
import { payoutRequestSchema, type PayoutRequestInput } from '@/lib/payments/b2c/payout-input';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * Money-out limits against a real database and sandbox: besides the per-payout threshold (KES 10,000 here), a
 * rolling 24 h total per requester (KES 20,000) and per recipient phone (KES 15,000) above which a request waits
 * for approval, and paying one's own phone always waits for another admin. Each test uses its own requesters and
 * phones so the totals of one never leak into another.
 */

let w: MpesaWorld;
let db: Db;
let agencyId: string;
let people = 0;

const input = (v: PayoutRequestInput) => payoutRequestSchema.parse(v);
const payoutRow = async (id: string) => (await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, id)))[0]!;
const settled = (id: string) => eventually(() => payoutRow(id), (p) => ['SUCCESS', 'FAILED'].includes(p.status), { what: `payout ${id} settled` });

/** A fresh admin (so their 24 h total starts at zero), optionally with a phone on their user record. */
async function newAdmin(name: string, phone: string | null = null): Promise<Caller> {
  people += 1;
  const [u] = await db.insert(users).values({ agencyId, role: 'admin', name, email: `limits.${people}@example.com`, phone, passwordHash: null }).returning();
  return { id: u!.id, agencyId, role: 'admin', name: u!.name, email: u!.email, phone: u!.phone };
}

/** A phone number the sandbox knows (B2C to an unknown subscriber fails with 2040, and failures do not count). */
let phones = 0;
async function newPhone(): Promise<string> {
  phones += 1;
  const msisdn = `2547229${String(phones).padStart(5, '0')}`;
  await w.sandbox.control.setSubscriber(msisdn, { name: `Recipient ${phones}` });
  return msisdn;
}

const pay = (caller: Caller, phone: string, amount: number, remarks = 'Limit test') => requestPayout(db, { caller, input: input({ phone, amount, occasion: 'Payout', remarks }) }).then((r) => r.payout);

beforeAll(async () => {
  process.env.MPESA_RESULT_QUERY_AFTER_SECONDS = '0';
  w = await createMpesaWorld({ prefix: 'haven_money_out_limits' });
  db = w.db.db;
  agencyId = w.callers.admin!.agencyId;
  await db.update(agencies).set({ payoutApprovalThresholdCents: 1_000_000, moneyOutDailyRequesterLimitCents: 2_000_000, moneyOutDailyPhoneLimitCents: 1_500_000 }).where(eq(agencies.id, agencyId));
}, 120_000);

afterAll(() => w?.stop());

beforeEach(async () => {
  await w.receiver.settle();
  await w.sandbox.control.clearScenarios();
});

describe('rolling 24 h limit per requester', () => {
  it('splitting into small payouts: the one that crosses the limit waits, and says why', async () => {
    const splitter = await newAdmin('Sam Splitter');
    const first = await pay(splitter, await newPhone(), 7_000);
    const second = await pay(splitter, await newPhone(), 7_000);
    expect(first.status).not.toBe('AWAITING_APPROVAL');
    expect(second.status).not.toBe('AWAITING_APPROVAL');
    // Sent ones count whatever their state: wait until both have really gone out.
    expect((await settled(first.id)).status).toBe('SUCCESS');
    expect((await settled(second.id)).status).toBe('SUCCESS');

    const third = await pay(splitter, await newPhone(), 7_000);
    expect(third.status).toBe('AWAITING_APPROVAL');
    expect(third.sentAt).toBeNull();
    expect(third.approvalReasons).toEqual([{ kind: 'requester_daily', limitCents: 2_000_000, totalCents: 2_100_000 }]);

    // A waiting request counts too: the next small one waits as well, instead of slipping under.
    const fourth = await pay(splitter, await newPhone(), 100);
    expect(fourth.status).toBe('AWAITING_APPROVAL');
    expect(fourth.approvalReasons).toEqual([{ kind: 'requester_daily', limitCents: 2_000_000, totalCents: 2_110_000 }]);

    // What the payouts page shows the requester, and what it shows an approver.
    const mine = toPayoutView((await getPayoutForCaller(db, { caller: splitter, payoutId: third.id }))!, splitter);
    expect(mine.approvalReasons).toEqual(['Over your 24 h limit of KES 20,000 (KES 21,000 in 24 h with this one)']);
    const approver = w.callers.admin!;
    const theirs = toPayoutView((await getPayoutForCaller(db, { caller: approver, payoutId: third.id }))!, approver);
    expect(theirs.approvalReasons).toEqual(['Over Sam Splitter’s 24 h limit of KES 20,000 (KES 21,000 in 24 h with this one)']);
    expect(theirs.canDecide).toBe(true);

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, third.id), eq(auditLog.action, 'payout.requested')));
    expect(audit!.details).toMatchObject({ needsApproval: true, approvalReasons: [{ kind: 'requester_daily' }] });
  });

  it('rejected and failed requests do not count', async () => {
    const requester = await newAdmin('Rita Rejected');
    const approver = await newAdmin('Abel Approver');
    const big = await pay(requester, await newPhone(), 15_000);
    expect(big.status).toBe('AWAITING_APPROVAL');
    expect(big.approvalReasons).toEqual([{ kind: 'threshold', limitCents: 1_000_000 }]);
    await rejectRequest(db, { caller: approver, requestId: big.id, reason: 'Not agreed' });

    const failingPhone = await newPhone();
    await w.sandbox.control.addScenario({ match: { api: 'b2c', phone: failingPhone }, resultCode: '1' });
    const failed = await pay(requester, failingPhone, 9_000);
    expect((await settled(failed.id)).status).toBe('FAILED');

    // 15,000 rejected + 9,000 failed would already be over 20,000; only what can still leave counts.
    const a = await pay(requester, await newPhone(), 9_000);
    const b = await pay(requester, await newPhone(), 9_000);
    expect(a.status).not.toBe('AWAITING_APPROVAL');
    expect(b.status).not.toBe('AWAITING_APPROVAL');
    expect((await settled(b.id)).status).toBe('SUCCESS');
  });

  it('two concurrent requests each under the limit, together over it: at most one goes without approval', async () => {
    const requester = await newAdmin('Connie Current');
    const opener = await pay(requester, await newPhone(), 5_000);
    expect(opener.status).not.toBe('AWAITING_APPROVAL');
    // 5,000 + 6,000 + 6,000 = 17,000 fits under 20,000; a third 6,000 would make 23,000. Without the lock all four
    // would read 5,000 and go.
    const targets = await Promise.all([newPhone(), newPhone(), newPhone(), newPhone()]);
    const results = await Promise.all(targets.map((phone) => pay(requester, phone, 6_000, 'Concurrent')));
    const waiting = results.filter((p) => p.status === 'AWAITING_APPROVAL');
    expect(results.length - waiting.length).toBe(2);
    expect(waiting).toHaveLength(2);
    // The committed totals agree: what went out without approval stays within the limit.
    const rows = await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.requestedBy, requester.id));
    const unapproved = rows.filter((r) => r.status !== 'AWAITING_APPROVAL' && r.status !== 'REJECTED').reduce((sum, r) => sum + r.amountCents, 0);
    expect(unapproved).toBeLessThanOrEqual(2_000_000);
  });
});

describe('rolling 24 h limit per recipient phone', () => {
  it('counts what two different requesters send to one phone', async () => {
    const phone = await newPhone();
    const one = await newAdmin('Paul One');
    const two = await newAdmin('Paula Two');
    const first = await pay(one, phone, 9_000);
    expect(first.status).not.toBe('AWAITING_APPROVAL');
    const second = await pay(two, phone, 7_000);
    expect(second.status).toBe('AWAITING_APPROVAL');
    expect(second.approvalReasons).toEqual([{ kind: 'phone_daily', limitCents: 1_500_000, totalCents: 1_600_000, phone }]);
    const view = toPayoutView((await getPayoutForCaller(db, { caller: one, payoutId: second.id }))!, one);
    expect(view.approvalReasons).toEqual([`Over the 24 h limit of KES 15,000 to 0${phone.slice(3, 6)} ${phone.slice(6, 9)} ${phone.slice(9)} (KES 16,000 in 24 h with this one)`]);
    // A different phone for the same second requester is not affected.
    expect((await pay(two, await newPhone(), 7_000)).status).not.toBe('AWAITING_APPROVAL');
  });

  it('counts reversals: the money goes back to the payer’s phone, and towards the requester’s total', async () => {
    const [payment] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.leaseId, w.leases.esther!), eq(payments.status, 'completed'), isNotNull(payments.mpesaReceiptNumber), isNotNull(payments.payerPhone)))
      .limit(1);
    const amountKes = payment!.amountCents / 100;
    expect(amountKes).toBeLessThanOrEqual(15_000);
    const reverser = await newAdmin('Rene Reverser');
    const reversal = await requestReversal(db, { caller: reverser, input: { transactionId: payment!.mpesaReceiptNumber!, remarks: 'Limit test reversal' } });
    expect(reversal.status).not.toBe('AWAITING_APPROVAL');
    expect(reversal.recipientPhone).toBe(payment!.payerPhone);

    // The requester's total now holds the reversal…
    const over = await pay(reverser, await newPhone(), 20_000 - amountKes + 1);
    expect(over.approvalReasons.map((r) => r.kind)).toContain('requester_daily');
    // …and so does the payer's phone, whoever pays it next.
    const other = await newAdmin('Olive Other');
    const toPayer = await pay(other, payment!.payerPhone!, 15_000 - amountKes + 100);
    expect(toPayer.status).toBe('AWAITING_APPROVAL');
    expect(toPayer.approvalReasons.map((r) => r.kind)).toEqual(['phone_daily']);
  });
});

describe('paying one’s own phone', () => {
  it('always waits; the requester cannot approve it, another admin can', async () => {
    const ownPhone = await newPhone();
    const requester = await newAdmin('Owen Own', ownPhone);
    const payout = await pay(requester, `0${ownPhone.slice(3)}`, 500);
    expect(payout.status).toBe('AWAITING_APPROVAL');
    expect(payout.approvalReasons).toEqual([{ kind: 'own_phone' }]);
    const view = toPayoutView((await getPayoutForCaller(db, { caller: requester, payoutId: payout.id }))!, requester);
    expect(view.approvalReasons).toEqual(['Paying your own phone needs another admin']);
    expect(view.canDecide).toBe(false);

    await expect(approveRequest(db, { caller: requester, requestId: payout.id })).rejects.toMatchObject({ code: 'forbidden', message: SELF_APPROVAL_MESSAGE });
    expect((await payoutRow(payout.id)).status).toBe('AWAITING_APPROVAL');
    // Below the service, the database refuses an approver who is the requester, whatever code path tries.
    await expect(db.update(mpesaB2cTransactions).set({ approvedBy: requester.id }).where(eq(mpesaB2cTransactions.id, payout.id))).rejects.toThrow();

    const approver = await newAdmin('Amani Approver');
    const approved = await approveRequest(db, { caller: approver, requestId: payout.id });
    expect(approved.kind).toBe('payout');
    const done = await settled(payout.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.approvedBy).toBe(approver.id);
  });

  it('an admin cannot approve money going to their own phone, even when someone else asked', async () => {
    const approverPhone = await newPhone();
    const approver = await newAdmin('Ivy Interested', approverPhone);
    const requester = await newAdmin('Rob Requester');
    const payout = (await requestPayout(db, { caller: requester, input: input({ phone: approverPhone, amount: 300, occasion: 'Payout', remarks: 'Needs a second', requestApproval: true }) })).payout;
    expect(payout.status).toBe('AWAITING_APPROVAL');
    expect(payout.approvalReasons).toEqual([{ kind: 'requested' }]);
    await expect(approveRequest(db, { caller: approver, requestId: payout.id })).rejects.toMatchObject({ code: 'forbidden', message: OWN_PHONE_APPROVAL_MESSAGE });
    expect((await payoutRow(payout.id)).status).toBe('AWAITING_APPROVAL');
    await approveRequest(db, { caller: w.callers.admin!, requestId: payout.id });
    expect((await settled(payout.id)).status).toBe('SUCCESS');
  });

  it('a landlord’s refund to their own phone waits for an admin', async () => {
    const landlord = w.callers.landlord!;
    await w.sandbox.control.setSubscriber(landlord.phone!, { name: 'Peter Mwangi' });
    const payout = (await requestPayout(db, { caller: landlord, input: input({ leaseId: w.leases.cynthia!, phone: landlord.phone!, amount: 200, occasion: 'Refund', remarks: 'To myself' }) })).payout;
    expect(payout.status).toBe('AWAITING_APPROVAL');
    expect(payout.approvalReasons).toEqual([{ kind: 'own_phone' }]);
  });
});
