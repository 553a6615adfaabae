import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getLeaseBalance, listPaymentAllocations } from '@/db/queries/ledger';
import { countLeasePayments, getBalanceAfterPayment, getPaymentByPushId, getPaymentForCaller } from '@/db/queries/payments';
import { rateLimitHits } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { isAppError } from '@/lib/errors';
import type { InitiateStkPushInput } from '@/lib/payments/stk/initiate-stk-push';
import { getStkStatusForCaller } from '@/lib/payments/stk/resolve-stk-status';
import { createStkWorld, paidWithReceipt, waitForPush, type StkWorld } from './stk-support';

/**
 * STK push end to end at the service level: the real sandbox process over HTTP, a real Postgres database, and the
 * callback path of production (raw inbox row → registered `stk` processor).
 */

const AMINA = '254712345678';
const HALIMA = '254758990011';

let w: StkWorld;
let db: StkWorld['db'];
let sandbox: StkWorld['sandbox'];
let settings: StkWorld['settings'];
let leases: Record<string, string>;
const callers: Record<string, Caller> = {};

const pay = (who: string, amountKes: number, extra: Partial<InitiateStkPushInput> = {}) => w.pay(who, amountKes, extra);

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  w = await createStkWorld('stk-test-secret');
  ({ db, sandbox, settings, leases } = w);
  Object.assign(callers, w.callers);
}, 90_000);

afterAll(() => w?.stop());

beforeEach(async () => {
  await db.db.delete(rateLimitHits);
  await Promise.all([sandbox.control.clearFaults(), sandbox.control.clearScenarios()]);
});

describe('a tenant pays the amount due', () => {
  it('credits one payment with the receipt, allocated oldest-first, and lowers the balance by the amount', async () => {
    const before = await getLeaseBalance(db.db, { leaseId: leases.amina! });
    const paymentsBefore = await countLeasePayments(db.db, { leaseId: leases.amina! });
    const { push, reused } = await pay('amina', 10_000);
    expect(reused).toBe(false);
    expect(push.status).toBe('PENDING');

    // Paid as soon as the STK query confirms the callback; the receipt once Transaction Status proves it.
    const done = await waitForPush(db.db, push.checkoutRequestId!, paidWithReceipt);
    const sandboxView = await sandbox.control.stk(push.checkoutRequestId!);
    expect(done.mpesaReceiptNumber).toBeTruthy();
    expect(JSON.stringify(sandboxView)).toContain(done.mpesaReceiptNumber!);

    const payment = await getPaymentByPushId(db.db, { pushId: done.id });
    expect(payment).toMatchObject({ amountCents: 1_000_000, mpesaReceiptNumber: done.mpesaReceiptNumber, method: 'mpesa_stk', payerPhone: AMINA });
    expect(await countLeasePayments(db.db, { leaseId: leases.amina! })).toBe(paymentsBefore + 1);
    const after = await getLeaseBalance(db.db, { leaseId: leases.amina! });
    expect(before.dueCents - after.dueCents).toBe(1_000_000);
    // Amina owed 40% of last month and all of this month: the oldest unpaid charge is settled first.
    expect(await getBalanceAfterPayment(db.db, { leaseId: leases.amina!, paymentId: payment!.id })).toBe(after.dueCents);
    const allocations = await listPaymentAllocations(db.db, { paymentId: payment!.id });
    expect(allocations[0]?.amountCents).toBe(1_000_000);

    const view = await getStkStatusForCaller(db.db, { caller: callers.amina!, ref: push.checkoutRequestId!, settings });
    expect(view).toMatchObject({ status: 'SUCCESS', paymentId: payment!.id, mpesaReceiptNumber: done.mpesaReceiptNumber, amount: 10_000, statusIcon: 'check' });
  });

  it('a double tap sends one prompt: the second request returns the pending push', async () => {
    await sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' });
    const sessionsBefore = (await sandbox.control.state()).stk.filter((s) => s.phone === HALIMA).length;
    const [a, b] = await Promise.all([pay('halima', 501), pay('halima', 501)]);
    expect(a.push.id).toBe(b.push.id);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
    const third = await pay('halima', 999);
    expect(third).toMatchObject({ reused: true, push: { id: a.push.id, amountCents: 50_100 } });
    // Daraja saw exactly one push for Halima's phone.
    const { stk } = await sandbox.control.state();
    expect(stk.filter((s) => s.phone === HALIMA)).toHaveLength(sessionsBefore + 1);
    await sandbox.control.answerPrompt(HALIMA, { cancel: true });
    expect((await waitForPush(db.db, a.push.id)).status).toBe('CANCELLED');
  });
});

describe('sandbox outcomes give the right message and state, and credit nothing', () => {
  const cases = [
    { name: 'cancelled (1032)', who: 'amina', setup: () => sandbox.control.addScenario({ match: { phone: AMINA }, resultCode: '1032' }), status: 'CANCELLED', message: 'Payment cancelled by user' },
    { name: 'insufficient funds (1)', who: 'george', setup: async () => undefined, status: 'FAILED', message: 'Insufficient' },
    { name: 'wrong PIN (2001)', who: 'amina', setup: () => sandbox.control.addScenario({ match: { phone: AMINA }, resultCode: '2001' }), status: 'FAILED', message: 'wrong M-Pesa PIN' },
    { name: 'no answer (1037)', who: 'amina', setup: () => sandbox.control.addScenario({ match: { phone: AMINA }, resultCode: '1037' }), status: 'TIMEOUT', message: 'timed out' },
  ] as const;

  for (const c of cases) {
    it(`${c.name}; Try again then works`, async () => {
      await c.setup();
      const leaseId = leases[c.who]!;
      const paymentsBefore = await countLeasePayments(db.db, { leaseId });
      const { push } = await pay(c.who, c.who === 'george' ? 20_000 : 2_000);
      const done = await waitForPush(db.db, push.checkoutRequestId!);
      expect(done.status).toBe(c.status);
      const view = await getStkStatusForCaller(db.db, { caller: callers[c.who]!, ref: push.checkoutRequestId!, settings });
      expect(view.userMessage.toLowerCase()).toContain(c.message.toLowerCase());
      expect(await countLeasePayments(db.db, { leaseId })).toBe(paymentsBefore);

      // Try again: a new push is allowed at once (the failed one is no longer pending) and succeeds.
      const retry = await pay(c.who, 100);
      expect(retry.reused).toBe(false);
      expect((await waitForPush(db.db, retry.push.checkoutRequestId!, paidWithReceipt)).status).toBe('SUCCESS');
      expect(await countLeasePayments(db.db, { leaseId })).toBe(paymentsBefore + 1);
    });
  }

  it('turns Daraja synchronous refusals into clear messages and a final state', async () => {
    await sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' });
    const first = await pay('halima', 300);
    // A prompt is open on Halima's phone: a push for another lease to that phone is refused by Daraja.
    const error = await rejection(pay('amina', 300, { phoneNumber: HALIMA }));
    expect(isAppError(error) && error.code).toBe('conflict');
    expect((error as Error).message).toMatch(/You have an M-Pesa prompt open on that phone/);
    const failed = await db.db.execute<{ status: string }>(sql`select status from mpesa_transactions where lease_id = ${leases.amina!} order by created_at desc limit 1`);
    expect(JSON.stringify(failed)).toContain('FAILED');
    await sandbox.control.answerPrompt(HALIMA, { cancel: true });
    await waitForPush(db.db, first.push.id);

    await sandbox.control.addFault({ api: 'stk', kind: 'spike-arrest' });
    const busy = await rejection(pay('amina', 301));
    expect(isAppError(busy) && busy.code).toBe('payment_provider_busy');
  });
});

describe('authorisation and limits', () => {
  it('a tenant cannot pay, see or open another tenant\u2019s lease, push or receipt', async () => {
    const { push } = await pay('amina', 150);
    const done = await waitForPush(db.db, push.checkoutRequestId!);
    const payment = await getPaymentByPushId(db.db, { pushId: done.id });

    const notTheirs = await rejection(pay('brian', 100, { leaseId: leases.amina! }));
    expect(isAppError(notTheirs) && notTheirs.code).toBe('not_found');
    const status = await rejection(getStkStatusForCaller(db.db, { caller: callers.brian!, ref: push.checkoutRequestId!, settings }));
    expect(isAppError(status) && status.code).toBe('not_found');
    expect(await getPaymentForCaller(db.db, { caller: callers.brian!, paymentId: payment!.id })).toBeNull();
    // The landlord of another property cannot see it either; Amina, her landlord and the admin can.
    expect(await getPaymentForCaller(db.db, { caller: callers.landlord2!, paymentId: payment!.id })).toBeNull();
    for (const who of ['amina', 'landlord', 'admin']) expect(await getPaymentForCaller(db.db, { caller: callers[who]!, paymentId: payment!.id })).not.toBeNull();
  });

  it('limits prompts per phone with a clear 429 message', async () => {
    for (let i = 0; i < 3; i += 1) {
      const { push } = await pay('amina', 10 + i);
      await waitForPush(db.db, push.checkoutRequestId!);
    }
    const limited = await rejection(pay('amina', 20));
    expect(isAppError(limited) && limited.status).toBe(429);
    expect((limited as Error).message).toMatch(/Wait two minutes/);
  });
});

