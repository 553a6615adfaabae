import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { listDeductions, listEvidence } from '@/db/queries/deposits';
import { getDepositHeld } from '@/db/queries/ledger-balances';
import { auditLog, depositMovements, leases, mpesaB2cTransactions, users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { addDeduction, raiseDispute, refundRemainingDeposit, respondToDispute } from '@/lib/deposits/deposit-settlement';
import { readEvidence } from '@/lib/deposits/evidence-store';
import { endLease } from '@/lib/leases/end-lease';
import { giveNotice } from '@/lib/leases/lease-notice';
import { nairobiDate } from '@/lib/ledger/rent-period';
import { approveRequest } from '@/lib/payments/approvals/decide-request';
import { callerByEmail, createMpesaWorld, eventually, type MpesaWorld } from '../support/mpesa-world';

/**
 * A move-out end to end against the real sandbox: notice, end of lease, two deductions (one with a photo), the
 * tenant's dispute (which holds the refund until answered), then the rest of the deposit refunded by B2C — above
 * the agency's threshold, so only after a second admin approves.
 */

let w: MpesaWorld;
let db: Db;
const callers: Record<string, Caller> = {};
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  // Evidence files go under HAVEN_DATA_DIR; set before anything reads the environment.
  process.env.HAVEN_DATA_DIR = mkdtempSync(join(tmpdir(), 'haven-evidence-'));
  w = await createMpesaWorld({ secret: 'move-out-secret', prefix: 'haven_move_out' });
  db = w.db.db;
  const [demo] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.email, 'admin@example.com'));
  await db.insert(users).values({ agencyId: demo!.agencyId, role: 'admin', name: 'Second Admin', email: 'second.admin@example.com', phone: '254700000009', passwordHash: null });
  for (const email of ['landlord@example.com', 'cynthia@example.com', 'tenant@example.com', 'second.admin@example.com']) callers[email] = await callerByEmail(db, email);
}, 120_000);

afterAll(async () => {
  await w?.stop();
});

describe('move-out', () => {
  it('two deductions, a dispute, then the rest refunded by B2C after a second admin approves', { timeout: 120_000 }, async () => {
    const landlord = callers['landlord@example.com']!;
    const [lease] = await db.select().from(leases).innerJoin(users, eq(users.id, leases.tenantId)).where(eq(users.email, 'cynthia@example.com'));
    const leaseId = lease!.leases.id;
    const today = nairobiDate(new Date());
    const held = await getDepositHeld(db, { leaseId });
    expect(held).toBe(2_200_000);

    await expect(addDeduction(db, { caller: landlord, leaseId, input: { category: 'damage', description: 'x', amount: 100 } })).rejects.toThrow(/move-out/);
    await giveNotice(db, { caller: landlord, leaseId, endDate: today, reason: 'Relocating' });
    await endLease(db, { caller: landlord, leaseId, endDate: today, reason: 'Moved out' });

    await addDeduction(db, { caller: landlord, leaseId, input: { category: 'damage', description: 'Broken kitchen window', amount: 300_000 }, files: [{ name: 'window.png', bytes: PNG }] });
    await expect(addDeduction(db, { caller: landlord, leaseId, input: { category: 'other', description: 'x', amount: 100 }, files: [{ name: 'evil.html', bytes: Buffer.from('<script>alert(1)</script>') }] })).rejects.toThrow(/not a JPEG/);
    await addDeduction(db, { caller: landlord, leaseId, input: { category: 'cleaning', description: 'Deep cleaning', amount: 150_000 } });
    expect(await getDepositHeld(db, { leaseId })).toBe(2_200_000 - 450_000);
    const evidence = await listEvidence(db, { leaseId });
    expect(evidence).toHaveLength(1);
    expect((await readEvidence(evidence[0]!.storageKey)).equals(PNG)).toBe(true);

    // The tenant sees the deductions and disputes them; the refund waits for an answer.
    const tenant = callers['cynthia@example.com']!;
    expect((await listDeductions(db, { leaseId })).map((d) => d.amountCents)).toEqual([-300_000, -150_000]);
    await expect(raiseDispute(db, { caller: callers['tenant@example.com']!, leaseId, message: 'not mine' })).rejects.toThrow(/not found/);
    const dispute = await raiseDispute(db, { caller: tenant, leaseId, message: 'The window was cracked when I moved in' });
    await expect(refundRemainingDeposit(db, { caller: landlord, leaseId })).rejects.toThrow(/dispute/);
    await respondToDispute(db, { caller: landlord, disputeId: dispute.id, response: 'The move-in report shows it whole; photo attached' });

    const before = await w.sandbox.control.subscriber('254711223344');
    const { payout } = await refundRemainingDeposit(db, { caller: landlord, leaseId });
    expect(payout.amountCents).toBe(1_750_000);
    expect(payout.status).toBe('AWAITING_APPROVAL');
    await expect(approveRequest(db, { caller: landlord, requestId: payout.id })).rejects.toThrow();
    await approveRequest(db, { caller: callers['second.admin@example.com']!, requestId: payout.id });

    await eventually(async () => (await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, payout.id)))[0]!.status, (s) => s === 'SUCCESS' || s === 'FAILED', { timeoutMs: 60_000, what: 'payout settled' });
    expect((await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, payout.id)))[0]!.status).toBe('SUCCESS');
    await w.receiver.settle();
    expect(await getDepositHeld(db, { leaseId })).toBe(0);
    expect((await w.sandbox.control.subscriber('254711223344')).balanceCents).toBe(before.balanceCents + 1_750_000);
    const kinds = (await db.select().from(depositMovements).where(eq(depositMovements.leaseId, leaseId))).map((m) => m.kind).sort();
    expect(kinds).toEqual(['deduction', 'deduction', 'refund']);
    const actions = (await db.select().from(auditLog).where(and(eq(auditLog.targetType, 'lease'), eq(auditLog.targetId, leaseId)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['lease.notice_given', 'lease.ended', 'deposit.deduction_added', 'deposit.disputed', 'deposit.dispute_answered']));
  });
});
