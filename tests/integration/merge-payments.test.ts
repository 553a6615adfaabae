import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLeaseBalance } from '@/db/queries/ledger-balances';
import { recordPayment } from '@/db/queries/ledger';
import { insertUnplacedPayment } from '@/db/queries/unplaced-payments';
import { agencies, auditLog, leases, paymentCorrections, payments, unplacedPayments, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { isAppError } from '@/lib/errors';
import { listUnmatchedQueue } from '@/lib/unmatched/list-unmatched-queue';
import { runUnplacedAction } from '@/lib/unmatched/run-unplaced-action';
import { callersByEmail } from '../support/seeded-callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 9 item 2: when Haven cannot prove that a receipt is the money of a payment it already credited without one
 * (an STK payment known only from the STK query), both stay credited and the receipt waits for a person. The person
 * may merge them — one correcting entry takes the receiptless payment out — and undo the merge, which credits it
 * again as a new entry. Two payments that each carry a receipt are never offered for a merge.
 */

const NOW = new Date('2026-11-21T09:00:00Z');
let t: TestDatabase;
const callers: Record<string, Caller> = {};
let leaseId: string;
let agencyId: string;

const net = async () => {
  const b = await getLeaseBalance(t.db, { leaseId });
  return b.dueCents - b.creditCents;
};
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAppError(e) ? e.code : e));
const admin = () => callers['admin@example.com']!;

/** The state resolve-receipt leaves when the evidence is ambiguous: two live payments, the receipt flagged. */
async function flaggedTwin(amountCents: number, receipt: string) {
  const { receiptless, withReceipt } = await t.db.transaction(async (tx) => ({
    receiptless: (await recordPayment(tx, { agencyId, leaseId, amountCents, method: 'mpesa_stk', payerPhone: '254712345678', paidAt: NOW, recordedBy: null }))!,
    withReceipt: (await recordPayment(tx, { agencyId, leaseId, amountCents, method: 'mpesa_paybill', mpesaReceiptNumber: receipt, payerPhone: '254712345678', paidAt: NOW, recordedBy: null }))!,
  }));
  const [agency] = await t.db.select().from(agencies).where(eq(agencies.id, agencyId));
  const item = (await insertUnplacedPayment(t.db, {
    agencyId,
    receipt,
    shortcode: agency!.paybillShortcode,
    source: 'review',
    state: 'review',
    reason: 'More than one STK push on this lease could be this money: a person should check for a duplicate',
    claimedAmountCents: amountCents,
    paymentId: withReceipt.id,
  }))!;
  return { receiptless, withReceipt, item };
}

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_merge' });
  await seedDemoData(t.db, { now: NOW });
  Object.assign(callers, await callersByEmail(t.db));
  const [lease] = await t.db.select({ id: leases.id, agencyId: leases.agencyId }).from(leases).innerJoin(users, eq(users.id, leases.tenantId)).where(eq(users.email, 'tenant@example.com'));
  leaseId = lease!.id;
  agencyId = lease!.agencyId;
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe('merging two payments that are really one', () => {
  it('offers the receiptless payment, merges with a correcting entry, and undoes the merge with a new entry', async () => {
    const start = await net();
    const { receiptless, withReceipt, item } = await flaggedTwin(1_500_000, 'UMRG000001');
    // Meanwhile both count: nothing is lost while a person decides.
    expect(await net()).toBe(start - 3_000_000);

    const queued = (await listUnmatchedQueue(t.db, { caller: admin(), now: NOW })).items.find((i) => i.id === item.id)!;
    expect(queued.actions).toEqual(['keep', 'merge', 'undo']);
    expect(queued.mergeCandidates.map((m) => m.paymentId)).toEqual([receiptless.id]);
    expect(queued.mergeCandidates[0]!.label).toContain('no receipt');

    // Only the agency's admins; the receipt's own payment cannot be merged into itself.
    expect(await failure(runUnplacedAction(t.db, { caller: callers['landlord@example.com']!, itemId: item.id, input: { action: 'merge', paymentId: receiptless.id, reason: 'Same SMS' } }))).toBe('not_found');
    expect(await failure(runUnplacedAction(t.db, { caller: admin(), itemId: item.id, input: { action: 'merge', paymentId: withReceipt.id, reason: 'Itself' } }))).toBe('conflict');

    // Two admins merge at once: one correcting entry.
    const input = { action: 'merge' as const, paymentId: receiptless.id, reason: 'Tenant’s SMS shows one payment' };
    const results = await Promise.allSettled([runUnplacedAction(t.db, { caller: admin(), itemId: item.id, input }), runUnplacedAction(t.db, { caller: admin(), itemId: item.id, input })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await net()).toBe(start - 1_500_000);
    const corrections = await t.db.select().from(paymentCorrections).where(eq(paymentCorrections.paymentId, receiptless.id));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ kind: 'merge' });
    expect(corrections[0]!.reason).toContain('UMRG000001');
    const [kept] = await t.db.select().from(payments).where(eq(payments.id, withReceipt.id));
    expect(kept).toMatchObject({ status: 'completed', mpesaReceiptNumber: 'UMRG000001' });
    expect((await t.db.select().from(unplacedPayments).where(eq(unplacedPayments.id, item.id)))[0]?.state).toBe('merged');
    const merged = (await listUnmatchedQueue(t.db, { caller: admin(), now: NOW })).items.find((i) => i.id === item.id)!;
    expect(merged.actions).toEqual(['undo']);
    expect(merged.history.map((h) => h.action)).toEqual(['merge']);

    // Undo: the taken-out payment is credited again as a new entry; the old rows are not edited.
    await runUnplacedAction(t.db, { caller: admin(), itemId: item.id, input: { action: 'undo', reason: 'Two SMSes after all' } });
    expect(await net()).toBe(start - 3_000_000);
    const [original] = await t.db.select().from(payments).where(eq(payments.id, receiptless.id));
    expect(original).toMatchObject({ status: 'reversed', amountCents: 1_500_000 });
    const live = await t.db.select().from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.amountCents, 1_500_000), eq(payments.status, 'completed')));
    expect(live.map((p) => p.id)).toContain(withReceipt.id);
    const restored = live.find((p) => p.id !== withReceipt.id && p.note?.includes(receiptless.id));
    expect(restored).toMatchObject({ method: 'mpesa_stk', mpesaReceiptNumber: null, mpesaTransactionId: null });
    const again = (await listUnmatchedQueue(t.db, { caller: admin(), now: NOW })).items.find((i) => i.id === item.id)!;
    expect(again.state).toBe('review');
    // The restored payment may be merged again, if the person changes their mind once more.
    expect(again.mergeCandidates.map((m) => m.paymentId)).toEqual([restored!.id]);

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, item.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['unmatched.merged', 'unmatched.undone']);
  });

  it('never offers or accepts a payment that has its own receipt', async () => {
    const { withReceipt, item } = await flaggedTwin(1_234_500, 'UMRG000002');
    const other = await t.db.transaction(async (tx) =>
      (await recordPayment(tx, { agencyId, leaseId, amountCents: 1_234_500, method: 'mpesa_stk', mpesaReceiptNumber: 'UMRG000003', payerPhone: '254712345678', paidAt: NOW, recordedBy: null }))!,
    );
    const queued = (await listUnmatchedQueue(t.db, { caller: admin(), now: NOW })).items.find((i) => i.id === item.id)!;
    expect(queued.mergeCandidates.map((m) => m.paymentId)).not.toContain(other.id);
    expect(await failure(runUnplacedAction(t.db, { caller: admin(), itemId: item.id, input: { action: 'merge', paymentId: other.id, reason: 'Looks the same' } }))).toBe('conflict');
    const [still] = await t.db.select().from(payments).where(eq(payments.id, other.id));
    expect(still?.status).toBe('completed');
    expect(withReceipt.status).toBe('completed');
  });
});
