import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, leases, mpesaB2cTransactions, mpesaBalanceChecks, payments } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { BALANCE_CHECK_EVERY_MS, checkBalanceOnSchedule } from '@/lib/payments/balance/sweep-daily-balance';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { callerByEmail, createMpesaWorld, eventually, leaseIdOf, type MpesaWorld } from '../support/mpesa-world';

/**
 * Issue 12, "balance that stays true": Haven checks the paybill balance by itself after each payout and reversal
 * result (so the widget and the daily proof show what M-Pesa holds now) and on a schedule; each check it starts
 * is audited with why, and the balance it reads is the sandbox's.
 */

let w: MpesaWorld;
let db: Db;
let admin: Caller;

beforeAll(async () => {
  process.env.MPESA_RESULT_QUERY_AFTER_SECONDS = '0';
  w = await createMpesaWorld({ secret: 'balance-freshness-secret', prefix: 'haven_balance_fresh' });
  db = w.db.db;
  admin = await callerByEmail(db, 'admin@example.com');
}, 120_000);
afterAll(() => w?.stop());

/** The balance checks Haven started for a reason, newest first, with how each ended. */
async function checksFor(reason: string) {
  return db
    .select({ id: mpesaBalanceChecks.id, status: mpesaBalanceChecks.status, availableCents: mpesaBalanceChecks.availableBalanceCents, createdAt: mpesaBalanceChecks.createdAt })
    .from(mpesaBalanceChecks)
    .innerJoin(auditLog, and(eq(auditLog.targetId, sql`${mpesaBalanceChecks.id}::text`), eq(auditLog.action, 'balance.requested')))
    .where(and(eq(mpesaBalanceChecks.agencyId, admin.agencyId), sql`${auditLog.details}->>'reason' = ${reason}`))
    .orderBy(desc(mpesaBalanceChecks.createdAt));
}

const answered = (reason: string, after: Date) =>
  eventually(() => checksFor(reason), (rows) => rows.some((r) => r.createdAt >= after && r.status === 'SUCCESS'), { what: `a balance check ${reason}`, timeoutMs: 30_000 }).then(
    (rows) => rows.find((r) => r.createdAt >= after && r.status === 'SUCCESS')!,
  );

describe('balance that stays true', () => {
  it('checks the balance after a payout’s result, and reads what M-Pesa now holds', async () => {
    const started = new Date();
    const { payout } = await requestPayout(db, { caller: admin, input: payoutRequestSchema.parse({ phone: '0722123456', amount: 321, occasion: 'Commission', remarks: 'Freshness payout' }) });
    await eventually(async () => (await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, payout.id)))[0]!, (p) => p.status === 'SUCCESS', { what: 'payout settled' });
    const check = await answered('after a payout', started);
    const org = await w.sandbox.control.organisation(w.mpesa.shortcode);
    expect(check.availableCents).toBe(org.accountsCents.utility);
  });

  it('checks the balance after a reversal’s result', async () => {
    const leaseId = await leaseIdOf(db, 'esther@example.com');
    const [lease] = await db.select().from(leases).where(eq(leases.id, leaseId));
    // A real payment the sandbox knows (Esther's number is one of its subscribers): she pays the paybill.
    await w.mpesa.client.simulateC2b({ amountCents: 432_00, msisdn: '254795112233', billRefNumber: lease!.accountReference });
    const tx = await eventually(async () => (await w.sandbox.control.state()).transactions.find((t) => t.kind === 'c2b' && t.amountCents === 432_00), (t) => t !== undefined);
    await eventually(async () => (await db.select().from(payments).where(eq(payments.mpesaReceiptNumber, tx!.receipt)))[0], (p) => p !== undefined, { what: 'payment credited' });
    const started = new Date();
    await requestReversal(db, { caller: admin, input: { transactionId: tx!.receipt, amount: 432, remarks: 'Freshness reversal' } });
    await eventually(async () => (await db.select().from(payments).where(eq(payments.mpesaReceiptNumber, tx!.receipt)))[0]!, (p) => p.status === 'reversed', { what: 'payment reversed' });
    const check = await answered('after a reversal', started);
    const org = await w.sandbox.control.organisation(w.mpesa.shortcode);
    expect(check.availableCents).toBe(org.accountsCents.utility);
  });

  it('on a schedule: a check when the newest is older than the interval, none while a recent one stands', async () => {
    const settled = () => eventually(() => db.select().from(mpesaBalanceChecks), (rows) => rows.every((c) => c.status !== 'QUEUED' && c.status !== 'PENDING'), { what: 'every check answered' });
    // Every agency up to date (the demo's second agency has had no check yet), then nothing left to do.
    await checkBalanceOnSchedule(db);
    await settled();
    expect(await checkBalanceOnSchedule(db)).toBe(0);

    // Hours later the newest checks are too old: one new check per agency, each audited with its reason.
    const later = new Date(Date.now() + BALANCE_CHECK_EVERY_MS + 60_000);
    const before = await db.$count(mpesaBalanceChecks);
    const started = await checkBalanceOnSchedule(db, { now: later });
    expect(started).toBeGreaterThan(0);
    expect(await db.$count(mpesaBalanceChecks)).toBe(before + started);
    const rows = await settled();
    const newest = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, started);
    expect(newest.map((c) => c.status)).toEqual(newest.map(() => 'SUCCESS'));
    const reasons = await db.select({ reason: sql<string>`${auditLog.details}->>'reason'` }).from(auditLog)
      .where(and(eq(auditLog.action, 'balance.requested'), sql`${auditLog.targetId} in (${sql.join(newest.map((c) => sql`${c.id}`), sql`, `)})`));
    expect(reasons.map((r) => r.reason).every((r) => r === 'schedule' || r === 'start of day')).toBe(true);
  });
});
