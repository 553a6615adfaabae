import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { getDepositHeld, getLeaseBalance } from '@/db/queries/ledger';
import { auditLog, callbackInbox, depositMovements, leases, mpesaB2cTransactions, mpesaReversals, mpesaBalanceChecks, mpesaStatusQueries, payments, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import type { Caller } from '@/lib/auth/caller';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import { approveRequest } from '@/lib/payments/approvals/decide-request';
import { resultMessage } from '@/lib/payments/b2c/payout-status';
import { payoutRequestSchema, type PayoutRequestInput } from '@/lib/payments/b2c/payout-input';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { requestBalanceCheck } from '@/lib/payments/balance/request-balance-check';
import { queryOverdueMoneyOut } from '@/lib/payments/initiator/sweep-initiator-requests';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { createMpesaWorld, eventually as eventuallyRaw, type MpesaWorld } from '../support/mpesa-world';

/**
 * The money-out services against a real sandbox process and a real database, through the same raw inbox and
 * processors the callback routes use. A result callback is only a claim: payouts and reversals are settled by
 * Transaction Status (SPEC §8), so a forged result can neither fake a payout nor hide the real one.
 */

const SECRET = 'money-out-secret';
let w: MpesaWorld;
let db: Db;
let sandbox: MpesaWorld['sandbox'];
const callers: Record<string, Caller> = {};

const eventually = <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000) => eventuallyRaw(read, done, { timeoutMs });
const payoutRow = async (id: string) => (await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, id)))[0]!;
const settledPayout = (id: string) => eventually(() => payoutRow(id), (p) => ['SUCCESS', 'FAILED'].includes(p.status));
const input = (v: PayoutRequestInput) => payoutRequestSchema.parse(v);
const postResult = (path: string, body: unknown) =>
  fetch(`${w.receiver.base}/${path}/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function leaseOf(email: string): Promise<string> {
  const [row] = await db.select({ id: leases.id }).from(leases).innerJoin(users, eq(users.id, leases.tenantId)).where(eq(users.email, email));
  return row!.id;
}

beforeAll(async () => {
  process.env.MPESA_RESULT_QUERY_AFTER_SECONDS = '0';
  w = await createMpesaWorld({ secret: SECRET, prefix: 'haven_money_out' });
  ({ sandbox } = w);
  db = w.db.db;
  // A second admin, so approvals by "an admin other than the requester" can happen.
  const [agency] = await db.select({ agencyId: users.agencyId }).from(users).limit(1);
  await db.insert(users).values({ agencyId: agency!.agencyId, role: 'admin', name: 'Otieno Second', email: 'admin2@example.com', phone: '254700000002', passwordHash: await hashPassword('x-unused-password') });
  for (const row of await db.select().from(users)) {
    callers[row.email] = { id: row.id, agencyId: row.agencyId, role: row.role, name: row.name, email: row.email, phone: row.phone };
  }
}, 120_000);

afterAll(() => w?.stop());

beforeEach(async () => {
  await w.receiver.settle();
  w.receiver.transform = null;
  await sandbox.control.clearScenarios();
  await sandbox.control.clearFaults();
});

describe('deposit refunds (B2C)', () => {
  it('sends a landlord’s refund under the threshold at once; the tenant gets the money and the deposit held goes down', async () => {
    const leaseId = await leaseOf('cynthia@example.com');
    const heldBefore = await getDepositHeld(db, { leaseId });
    const walletBefore = await sandbox.control.subscriber('254711223344');
    const { payout } = await requestPayout(db, {
      caller: callers['landlord@example.com']!,
      input: input({ leaseId, phone: '0711 223 344', amount: 5_000, occasion: 'Refund', remarks: 'Part deposit refund' }),
    });
    expect(payout.status).toBe('PENDING');
    expect(payout.originatorConversationId).toBe(payout.id);
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.transactionId).toMatch(/^[A-Z0-9]{10}$/);
    expect(done.receiverName).toBe('Cynthia Njeri');
    const org = await sandbox.control.organisation(w.mpesa.b2cShortcode);
    expect(done.utilityBalanceAfterCents).toBe(org.accountsCents.utility);
    expect(await getDepositHeld(db, { leaseId })).toBe(heldBefore - 500_000);
    const wallet = await sandbox.control.subscriber('254711223344');
    expect(wallet.balanceCents).toBe(walletBefore.balanceCents + 500_000);
    expect(wallet.sms[0]?.text).toContain(done.transactionId!);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.targetId, payout.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['payout.requested', 'payout.sent', 'payout.result_reported', 'payout.succeeded']));
  });

  it('refuses more than the deposit still held, before anything is sent', async () => {
    const leaseId = await leaseOf('esther@example.com');
    const held = await getDepositHeld(db, { leaseId });
    await expect(
      requestPayout(db, { caller: callers['landlord@example.com']!, input: input({ leaseId, phone: '0795112233', amount: held / 100 + 10, occasion: 'Refund', remarks: 'Too much' }) }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.leaseId, leaseId))).toHaveLength(0);
  });

  it('holds a refund above the threshold until another admin approves it; the requester cannot approve their own', async () => {
    const leaseId = await leaseOf('david@example.com');
    const { payout } = await requestPayout(db, {
      caller: callers['landlord@example.com']!,
      input: input({ leaseId, phone: '0723456789', amount: 15_000, occasion: 'Refund', remarks: 'Deposit refund at move-out' }),
    });
    expect(payout.status).toBe('AWAITING_APPROVAL');
    expect(payout.sentAt).toBeNull();

    const { payout: own } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ phone: '0700555666', amount: 12_000, occasion: 'Bonus', remarks: 'Year-end bonus' }) });
    expect(own.status).toBe('AWAITING_APPROVAL');
    await expect(approveRequest(db, { caller: callers['admin@example.com']!, requestId: own.id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(approveRequest(db, { caller: callers['landlord@example.com']!, requestId: payout.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await payoutRow(own.id)).status).toBe('AWAITING_APPROVAL');

    const approved = await approveRequest(db, { caller: callers['admin@example.com']!, requestId: payout.id });
    expect(approved.kind).toBe('payout');
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.approvedBy).toBe(callers['admin@example.com']!.id);
    await expect(approveRequest(db, { caller: callers['admin2@example.com']!, requestId: payout.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('fails with the catalogue message on insufficient Utility balance (1) and changes no deposit', async () => {
    const leaseId = await leaseOf('faith@example.com');
    const held = await getDepositHeld(db, { leaseId });
    await sandbox.control.addScenario({ match: { api: 'b2c', phone: '254110334455' }, resultCode: '1' });
    const { payout } = await requestPayout(db, { caller: callers['landlord@example.com']!, input: input({ leaseId, phone: '0110334455', amount: 1_000, occasion: 'Refund', remarks: 'Refund' }) });
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('FAILED');
    expect(resultMessage({ api: 'b2c', resultCode: done.resultCode, resultDescription: done.resultDescription })?.message).toBe('Insufficient funds in M-Pesa account');
    expect(await getDepositHeld(db, { leaseId })).toBe(held);
  });

  it('fails with 2001 when the initiator password is wrong', async () => {
    const wrong = createDarajaClient({ ...parseEnv({ DARAJA_SANDBOX_PORT: String(sandbox.port) }).mpesa, initiatorPassword: 'not-the-password' });
    const { payout } = await requestPayout(db, {
      caller: callers['admin@example.com']!,
      input: input({ phone: '0722123456', amount: 100, occasion: 'Payout', remarks: 'Wrong credential' }),
      mpesa: { ...w.mpesa, client: wrong },
    });
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('FAILED');
    expect(done.resultCode).toBe('2001');
    expect(resultMessage({ api: 'b2c', resultCode: done.resultCode, resultDescription: done.resultDescription })?.message).toMatch(/password or certificate was rejected/);
  });

  it('settles a payout whose result was dropped with Transaction Status, without sending it again', async () => {
    const leaseId = await leaseOf('tenant@example.com');
    const held = await getDepositHeld(db, { leaseId });
    const walletBefore = await sandbox.control.subscriber('254712345678');
    await sandbox.control.addFault({ api: 'b2c', kind: 'drop-callback' });
    const { payout } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ leaseId, phone: '0712345678', amount: 2_000, occasion: 'Refund', remarks: 'Refund, result dropped' }) });
    await new Promise((r) => setTimeout(r, 300));
    await w.receiver.settle();
    expect((await payoutRow(payout.id)).status).toBe('PENDING');
    expect(await queryOverdueMoneyOut(db)).toBeGreaterThanOrEqual(1);
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.transactionId).toMatch(/^[A-Z0-9]{10}$/);
    expect(await getDepositHeld(db, { leaseId })).toBe(held - 200_000);
    expect((await sandbox.control.subscriber('254712345678')).balanceCents).toBe(walletBefore.balanceCents + 200_000);
    const b2cSends = (await sandbox.control.state()).transactions.filter((t) => t.originatorConversationId === payout.id);
    expect(b2cSends).toHaveLength(1);
  });

  it('marks a payout lost in M-Pesa’s queue FAILED once Transaction Status finds no such transaction', async () => {
    await sandbox.control.addFault({ api: 'b2c', kind: 'queue-timeout' });
    const { payout } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ phone: '0722123456', amount: 50, occasion: 'Payout', remarks: 'Queue timeout' }) });
    const unknown = await eventually(() => payoutRow(payout.id), (p) => p.status === 'UNKNOWN');
    expect(unknown.status).toBe('UNKNOWN');
    // Asked at once: M-Pesa has no record yet, which is not proof of anything so soon after sending.
    await w.receiver.settle();
    expect((await payoutRow(payout.id)).status).toBe('UNKNOWN');
    // Long after, the same answer is: nothing was sent.
    await db.update(mpesaB2cTransactions).set({ sentAt: new Date(Date.now() - 3_600_000) }).where(eq(mpesaB2cTransactions.id, payout.id));
    await queryOverdueMoneyOut(db);
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('FAILED');
    expect(done.resultCode).toBe('2032');
  });

  it('applies a result delivered three times once: one deposit entry', async () => {
    const leaseId = await leaseOf('halima@example.com');
    await sandbox.control.addFault({ api: 'b2c', kind: 'duplicate-callback', copies: 3 });
    const { payout } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ leaseId, phone: '0758990011', amount: 1_500, occasion: 'Refund', remarks: 'Duplicate results' }) });
    await eventually(async () => (await db.select().from(callbackInbox).where(eq(callbackInbox.kind, 'b2c-result'))).filter((r) => r.correlationId === payout.id && r.processedAt).length, (n) => n >= 3);
    expect((await settledPayout(payout.id)).status).toBe('SUCCESS');
    const movements = await db.select().from(depositMovements).where(eq(depositMovements.b2cTransactionId, payout.id));
    expect(movements).toHaveLength(1);
    expect(movements[0]!.amountCents).toBe(-150_000);
    const outcomes = (await db.select().from(callbackInbox).where(eq(callbackInbox.kind, 'b2c-result'))).filter((r) => r.correlationId === payout.id).map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate']);
  });

  it('a forged failure before the real success: kept, settled by Transaction Status, the real success counts once', async () => {
    const leaseId = await leaseOf('halima@example.com');
    const held = await getDepositHeld(db, { leaseId });
    // The real result is late; a forger (who knows the callback secret) answers first, with a failure.
    await sandbox.control.addFault({ api: 'b2c', kind: 'delay-callback', delayMs: 1_500 });
    const { payout } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ leaseId, phone: '0758990011', amount: 1_100, occasion: 'Refund', remarks: 'Forged failure first' }) });
    const sent = await eventually(() => payoutRow(payout.id), (p) => p.conversationId !== null);
    await postResult('b2c/result', {
      Result: {
        ResultType: 0, ResultCode: 2001, ResultDesc: 'The initiator information is invalid.',
        OriginatorConversationID: sent.originatorConversationId, ConversationID: sent.conversationId, TransactionID: 'UKA0000000',
        ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' } },
      },
    });
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('SUCCESS');
    // The real result arrives later and contradicts the forged one: kept, and the payout is asked about again.
    const settled = await eventually(() => payoutRow(payout.id), (p) => p.reportedOutcome === 'SUCCESS' && p.needsReview);
    expect(settled.reviewReason).toMatch(/contradicting results \(FAILED then SUCCESS\)/);
    await w.receiver.settle();
    expect((await payoutRow(payout.id)).status).toBe('SUCCESS');
    expect(await db.select().from(depositMovements).where(eq(depositMovements.b2cTransactionId, payout.id))).toHaveLength(1);
    expect(await getDepositHeld(db, { leaseId })).toBe(held - 110_000);
    const results = (await db.select().from(callbackInbox).where(eq(callbackInbox.kind, 'b2c-result'))).filter((r) => r.correlationId === payout.id);
    expect(results.map((r) => r.outcome).sort()).toEqual(['applied', 'applied']);
  });

  it('a Transaction Status result without Occasion still settles its payout (matched by the query’s own ids)', async () => {
    w.receiver.transform = (kind, body) => {
      if (kind !== 'status-result') return body;
      const parsed = JSON.parse(body) as { Result: Record<string, unknown> };
      delete parsed.Result.ReferenceData;
      return JSON.stringify(parsed);
    };
    await sandbox.control.addFault({ api: 'b2c', kind: 'drop-callback' });
    const { payout } = await requestPayout(db, { caller: callers['admin@example.com']!, input: input({ phone: '0722123456', amount: 60, occasion: 'Payout', remarks: 'No occasion echoed' }) });
    await w.receiver.settle();
    await queryOverdueMoneyOut(db);
    const done = await settledPayout(payout.id);
    expect(done.status).toBe('SUCCESS');
    const [query] = await db.select().from(mpesaStatusQueries).where(and(eq(mpesaStatusQueries.targetId, payout.id), eq(mpesaStatusQueries.status, 'ANSWERED')));
    expect(query).toBeDefined();
    // The inbox row is marked (with its correlation id) just after the processor's transaction settles the payout.
    const stored = await eventually(
      async () => (await db.select().from(callbackInbox).where(eq(callbackInbox.kind, 'status-result'))).filter((r) => r.correlationId === query!.conversationId),
      (rows) => rows.length > 0,
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((r) => !r.body.includes('Occasion'))).toBe(true);
  });

  it('turns a double submit with one idempotency key into one payout', async () => {
    const leaseId = await leaseOf('tenant2@example.com');
    const body = input({ leaseId, phone: '0722123456', amount: 700, occasion: 'Refund', remarks: 'Double submit', idempotencyKey: 'form-render-key-1' });
    const caller = callers['landlord2@example.com']!;
    const [a, b] = await Promise.all([requestPayout(db, { caller, input: body }), requestPayout(db, { caller, input: body })]);
    expect(a.payout.id).toBe(b.payout.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    await settledPayout(a.payout.id);
    expect(await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.leaseId, leaseId))).toHaveLength(1);
    expect((await sandbox.control.state()).transactions.filter((t) => t.originatorConversationId === a.payout.id)).toHaveLength(1);
  });

  it('keeps landlords to their own leases and tenants out', async () => {
    const kilimani = await leaseOf('tenant@example.com');
    await expect(requestPayout(db, { caller: callers['landlord2@example.com']!, input: input({ leaseId: kilimani, phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Not mine' }) })).rejects.toMatchObject({ code: 'not_found' });
    await expect(requestPayout(db, { caller: callers['tenant@example.com']!, input: input({ leaseId: kilimani, phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Me' }) })).rejects.toMatchObject({ code: 'not_found' });
    await expect(requestPayout(db, { caller: callers['landlord@example.com']!, input: input({ phone: '0712345678', amount: 100, occasion: 'Payout', remarks: 'No lease' }) })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestReversal(db, { caller: callers['landlord2@example.com']!, input: { transactionId: 'ABCDEFGHIJ', remarks: 'x y' } })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('reversals', () => {
  it('reverses a real payment: the tenant owes it again; a second reversal is refused before Daraja is called', async () => {
    const leaseId = await leaseOf('esther@example.com');
    const [lease] = await db.select().from(leases).where(eq(leases.id, leaseId));
    // A real payment the sandbox knows: the tenant pays the paybill.
    await w.mpesa.client.simulateC2b({ amountCents: 1_234_00, msisdn: '254795112233', billRefNumber: lease!.accountReference });
    const tx = await eventually(async () => (await sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && t.amountCents === 1_234_00), (t) => t !== undefined);
    // Credited through its confirmation, once Transaction Status proved it.
    const payment = await eventually(async () => (await db.select().from(payments).where(eq(payments.mpesaReceiptNumber, tx!.receipt)))[0], (p) => p !== undefined);
    const dueBefore = (await getLeaseBalance(db, { leaseId })).dueCents;
    const creditBefore = (await getLeaseBalance(db, { leaseId })).creditCents;

    const reversal = await requestReversal(db, { caller: callers['admin@example.com']!, input: { transactionId: tx!.receipt, amount: 1_234, remarks: 'Paid by mistake' } });
    expect(reversal.status).toBe('PENDING');
    const done = await eventually(async () => (await db.select().from(payments).where(eq(payments.id, payment!.id)))[0]!, (p) => p.status === 'reversed');
    expect(done.reversedAt).not.toBeNull();
    const after = await getLeaseBalance(db, { leaseId });
    expect(after.dueCents - after.creditCents).toBe(dueBefore - creditBefore + 1_234_00);

    const reversalsAtMpesa = async () => (await sandbox.control.state()).transactions.filter((t) => t.kind === 'reversal').length;
    const reversalsBefore = await reversalsAtMpesa();
    const requestsBefore = await db.$count(mpesaReversals);
    await expect(requestReversal(db, { caller: callers['admin@example.com']!, input: { transactionId: tx!.receipt, remarks: 'Again' } })).rejects.toMatchObject({ code: 'conflict' });
    // Refused before any request was recorded or sent: M-Pesa saw one reversal of this receipt, and Haven asked once.
    expect(await db.$count(mpesaReversals)).toBe(requestsBefore);
    expect(await reversalsAtMpesa()).toBe(reversalsBefore);
  });

  it('applies the result of a reversal whose acknowledgement was never stored (the app died after sending it), by the receipt it reverses', async () => {
    const leaseId = await leaseOf('esther@example.com');
    const [lease] = await db.select().from(leases).where(eq(leases.id, leaseId));
    await w.mpesa.client.simulateC2b({ amountCents: 1_357_00, msisdn: '254795112233', billRefNumber: lease!.accountReference });
    const tx = await eventually(async () => (await sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && t.amountCents === 1_357_00), (t) => t !== undefined);
    const payment = await eventually(async () => (await db.select().from(payments).where(eq(payments.mpesaReceiptNumber, tx!.receipt)))[0], (p) => p !== undefined);
    await sandbox.control.addFault({ api: 'reversal', kind: 'delay-callback', delayMs: 1_500 });
    const reversal = await requestReversal(db, { caller: callers['admin@example.com']!, input: { transactionId: tx!.receipt, amount: 1_357, remarks: 'Crash before the ack was stored' } });
    // What a kill -9 between sending and storing the acknowledgement leaves: sent, none of Daraja's ids stored.
    await db.update(mpesaReversals).set({ status: 'UNKNOWN', conversationId: null, originatorConversationId: null }).where(eq(mpesaReversals.id, reversal.id));

    // The result names only ids we never stored, and the receipt it reverses: that is enough (one live reversal
    // per receipt). Before, it waited ten minutes for ids that would never come, then was dropped as unmatched.
    const result = await eventually(
      async () => (await db.select().from(callbackInbox).where(eq(callbackInbox.kind, 'reversal-result'))).find((r) => r.body.includes(tx!.receipt)),
      (r) => r?.processedAt != null,
    );
    expect(result!.outcome).toBe('applied');
    const { getReversalById } = await import('@/db/queries/mpesa-reversals');
    expect((await eventually(() => getReversalById(db, { reversalId: reversal.id }), (r) => r?.status === 'SUCCESS'))!.status).toBe('SUCCESS');
    expect((await db.select().from(payments).where(eq(payments.id, payment!.id)))[0]!.status).toBe('reversed');
  });

  it('reports R000002 for a receipt M-Pesa does not know, and leaves the payment alone', async () => {
    const leaseId = await leaseOf('cynthia@example.com');
    const [seeded] = await db.select().from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'))).limit(1);
    // Seeded receipts are real in the sandbox's world (db/demo-payments.ts): give this one a receipt M-Pesa never issued.
    await db.update(payments).set({ mpesaReceiptNumber: 'TJ3MX6CLYC' }).where(eq(payments.id, seeded!.id));
    const reversal = await requestReversal(db, { caller: callers['admin@example.com']!, input: { transactionId: 'TJ3MX6CLYC', remarks: 'Not a sandbox receipt' } });
    const { getReversalById } = await import('@/db/queries/mpesa-reversals');
    const done = await eventually(() => getReversalById(db, { reversalId: reversal.id }), (r) => r?.status === 'FAILED');
    expect(done!.resultCode).toBe('R000002');
    expect(resultMessage({ api: 'reversal', resultCode: done!.resultCode, resultDescription: done!.resultDescription })?.message).toBe('Invalid M-Pesa receipt number');
    expect((await db.select().from(payments).where(eq(payments.id, seeded!.id)))[0]!.status).toBe('completed');
  });

  it('makes a landlord’s reversal wait for an admin', async () => {
    const leaseId = await leaseOf('faith@example.com');
    const [seeded] = await db.select().from(payments).where(eq(payments.leaseId, leaseId)).limit(1);
    const reversal = await requestReversal(db, { caller: callers['landlord@example.com']!, input: { transactionId: seeded!.mpesaReceiptNumber!, remarks: 'Tenant paid twice' } });
    expect(reversal.status).toBe('AWAITING_APPROVAL');
    expect(reversal.sentAt).toBeNull();
  });
});

describe('paybill balance', () => {
  it('reads the sandbox’s true balances, which change after a refund', async () => {
    const admin = callers['admin@example.com']!;
    const check = await requestBalanceCheck(db, { caller: admin });
    const first = await eventually(async () => (await db.select().from(mpesaBalanceChecks).where(eq(mpesaBalanceChecks.id, check.id)))[0]!, (c) => c.status !== 'PENDING' && c.status !== 'QUEUED');
    expect(first.status).toBe('SUCCESS');
    const org = await sandbox.control.organisation(w.mpesa.shortcode);
    expect(first.availableBalanceCents).toBe(org.accountsCents.utility);
    expect(first.accounts?.map((a) => a.name)).toEqual(expect.arrayContaining(['Working Account', 'Utility Account']));

    const { payout } = await requestPayout(db, { caller: admin, input: input({ phone: '0722123456', amount: 300, occasion: 'Commission', remarks: 'Balance moves' }) });
    await settledPayout(payout.id);
    const again = await requestBalanceCheck(db, { caller: admin });
    const second = await eventually(async () => (await db.select().from(mpesaBalanceChecks).where(eq(mpesaBalanceChecks.id, again.id)))[0]!, (c) => c.status !== 'PENDING' && c.status !== 'QUEUED');
    expect(second.availableBalanceCents).toBe(first.availableBalanceCents! - 30_000);
    await expect(requestBalanceCheck(db, { caller: callers['landlord@example.com']! })).rejects.toMatchObject({ code: 'not_found' });
  });
});
