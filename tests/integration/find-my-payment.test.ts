import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLeaseBalance } from '@/db/queries/ledger';
import { getReceiptCheckByReceipt, updateReceiptCheck } from '@/db/queries/mpesa-receipt-checks';
import { countLeasePayments, getPaymentByReceipt } from '@/db/queries/payments';
import { auditLog } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { findMyPayment } from '@/lib/payments/receipts/find-my-payment';
import { LOOKUPS_PER_WINDOW } from '@/lib/payments/receipts/payment-lookup-throttle';
import { requeryPendingReceipts } from '@/lib/payments/receipts/sweep-receipt-checks';
import { createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * "I paid — find my payment" at the service level, against the real sandbox: paybill payments whose confirmation
 * Daraja never delivered (a sandbox fault), found by the payer's M-Pesa code, proven with Transaction Status and
 * credited once — to the payer's lease only.
 */

const AMINA = '254712345678';
const DAVID = '254723456789';

let w: MpesaWorld;

/** A paybill payment whose confirmation is dropped: M-Pesa has the money, Haven has heard nothing. */
async function paybillWithoutConfirmation({ msisdn, billRef, amountKes }: { msisdn: string; billRef: string; amountKes: number }): Promise<string> {
  const known = new Set((await w.sandbox.control.state()).transactions.map((t) => t.receipt));
  await w.sandbox.control.addFault({ api: 'c2b', kind: 'drop-callback' });
  await w.mpesa.client.simulateC2b({ amountCents: amountKes * 100, msisdn, billRefNumber: billRef });
  const tx = await eventually(async () => (await w.sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && !known.has(t.receipt)), (t) => t !== undefined, { what: 'paybill payment' });
  await w.receiver.settle();
  expect(await getReceiptCheckByReceipt(w.db.db, { receipt: tx!.receipt })).toBeNull();
  return tx!.receipt;
}

/** Waits for Transaction Status's answer about the receipt to be applied. */
const proven = async (receipt: string, done: (resolution: string | null, status: string) => boolean = (r) => r !== null) => {
  await eventually(() => getReceiptCheckByReceipt(w.db.db, { receipt }), (c) => c !== null && done(c.resolution, c.status), { what: `receipt ${receipt}` });
  await w.receiver.settle();
};

beforeAll(async () => {
  w = await createMpesaWorld({ secret: 'find-secret', prefix: 'haven_find' });
  await w.sandbox.control.setSubscriber(DAVID, { name: 'David Kiprotich', balance: 1_000_000, behaviour: 'auto-approve' });
}, 90_000);

afterAll(async () => {
  await w?.stop();
});

beforeEach(() => Promise.all([w.sandbox.control.clearFaults(), w.sandbox.control.clearScenarios()]));

describe('a tenant finds a payment Haven never heard of', () => {
  let receipt: string;

  it('their own paybill payment is proven and credited to their lease, once', async () => {
    const lease = w.leases.amina!;
    const before = await getLeaseBalance(w.db.db, { leaseId: lease });
    const count = await countLeasePayments(w.db.db, { leaseId: lease });
    receipt = await paybillWithoutConfirmation({ msisdn: AMINA, billRef: 'KH-A1', amountKes: 2_100 });

    // Typed as people copy it from the SMS.
    const first = await findMyPayment(w.db.db, { caller: w.callers.amina!, code: ` ${receipt.toLowerCase()} ` });
    expect(first.outcome).toBe('checking');
    await proven(receipt);
    expect(await getReceiptCheckByReceipt(w.db.db, { receipt })).toMatchObject({ status: 'CONFIRMED', source: 'tenant-lookup', resolution: 'credited', payerMsisdn: AMINA, claimedLeaseId: lease });
    expect(await getPaymentByReceipt(w.db.db, { receipt })).toMatchObject({ leaseId: lease, amountCents: 210_000, method: 'mpesa_paybill', status: 'completed' });
    expect(await countLeasePayments(w.db.db, { leaseId: lease })).toBe(count + 1);
    expect(before.dueCents - (await getLeaseBalance(w.db.db, { leaseId: lease })).dueCents).toBe(210_000);

    const again = await findMyPayment(w.db.db, { caller: w.callers.amina!, code: receipt });
    expect(again).toMatchObject({ outcome: 'already-credited', payment: { receipt, amountCents: 210_000 } });
    expect(again.message).toMatch(/already in your account/);
    expect(await countLeasePayments(w.db.db, { leaseId: lease })).toBe(count + 1);
  });

  it('someone else’s code is refused without saying whose, what or how much', async () => {
    const answer = await findMyPayment(w.db.db, { caller: w.callers.david!, code: receipt });
    expect(answer.outcome).toBe('not-yours');
    expect(answer).not.toHaveProperty('payment');
    expect(answer.message).not.toMatch(/Amina|2,100|2100|254712|0712|Kilimani|A1/);
  });

  it('a payment from another phone is not credited to the tenant who claims it; its payer can still find it', async () => {
    const davidLease = w.leases.david!;
    const aminaCount = await countLeasePayments(w.db.db, { leaseId: w.leases.amina! });
    const davidReceipt = await paybillWithoutConfirmation({ msisdn: DAVID, billRef: 'KH-B1', amountKes: 3_300 });

    expect((await findMyPayment(w.db.db, { caller: w.callers.amina!, code: davidReceipt })).outcome).toBe('checking');
    await proven(davidReceipt);
    expect(await getReceiptCheckByReceipt(w.db.db, { receipt: davidReceipt })).toMatchObject({ status: 'CONFIRMED', resolution: 'unmatched', paymentId: null });
    const refused = await findMyPayment(w.db.db, { caller: w.callers.amina!, code: davidReceipt });
    expect(refused.outcome).toBe('not-yours');
    expect(refused.message).not.toMatch(/David|3,300|254723|0723/);
    expect(await countLeasePayments(w.db.db, { leaseId: w.leases.amina! })).toBe(aminaCount);
    expect(await w.db.db.select().from(auditLog).where(eq(auditLog.action, 'receipt.tenant_claim_refused'))).toHaveLength(1);

    const found = await findMyPayment(w.db.db, { caller: w.callers.david!, code: davidReceipt });
    expect(found).toMatchObject({ outcome: 'credited', payment: { receipt: davidReceipt, amountCents: 330_000 } });
    expect(await getPaymentByReceipt(w.db.db, { receipt: davidReceipt })).toMatchObject({ leaseId: davidLease, amountCents: 330_000 });
    expect((await findMyPayment(w.db.db, { caller: w.callers.david!, code: davidReceipt })).outcome).toBe('already-credited');
  });

  it('a code M-Pesa does not know: checking, then not found', async () => {
    const code = 'ZZZ9NOPE00';
    expect((await findMyPayment(w.db.db, { caller: w.callers.cynthia!, code })).outcome).toBe('checking');
    // M-Pesa's 2032 is believed only when asked twice (a receipt may not be queryable the second it is issued).
    await eventually(async () => (await getReceiptCheckByReceipt(w.db.db, { receipt: code }))?.queryCount, (n) => n === 1, { what: 'first query' });
    await eventually(async () => (await w.db.db.select().from(auditLog).where(eq(auditLog.action, 'receipt.not_found_once'))).length, (n) => n === 1, { what: 'first 2032' });
    expect((await findMyPayment(w.db.db, { caller: w.callers.cynthia!, code })).outcome).toBe('checking');
    const check = (await getReceiptCheckByReceipt(w.db.db, { receipt: code }))!;
    await updateReceiptCheck(w.db.db, { id: check.id, set: { lastQueriedAt: new Date(Date.now() - 120_000) } });
    await requeryPendingReceipts(w.db.db);
    await proven(code, (_r, status) => status === 'NOT_FOUND');
    const answer = await findMyPayment(w.db.db, { caller: w.callers.cynthia!, code });
    expect(answer.outcome).toBe('not-found');
    expect(answer.message).toMatch(/try again in a few minutes/);
  });

  it('is throttled per user', async () => {
    const caller = w.callers.george!;
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i += 1) expect((await findMyPayment(w.db.db, { caller, code: receipt })).outcome).toBe('not-yours');
    const refused = await findMyPayment(w.db.db, { caller, code: receipt }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('rate_limited');
    // Another tenant is not held up by it.
    expect((await findMyPayment(w.db.db, { caller: w.callers.amina!, code: receipt })).outcome).toBe('already-credited');
  });

  it('is for tenants only', async () => {
    const refused = await findMyPayment(w.db.db, { caller: w.callers.admin!, code: receipt }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('not_found');
  });
});
