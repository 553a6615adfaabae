import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, payments } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { approveRequest, rejectRequest } from '@/lib/payments/approvals/decide-request';
import { withdrawRequest } from '@/lib/payments/approvals/withdraw-request';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { listAuditPage } from '@/db/queries/audit-view';
import { getPayoutForCaller } from '@/db/queries/mpesa-b2c';
import { getReversalForCaller } from '@/db/queries/mpesa-reversals';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { reversalRequestSchema } from '@/lib/payments/reversal/reversal-input';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';
import { callerByEmail, leaseIdOf } from '../support/mpesa-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 12: the requester withdraws a request still waiting for approval (nothing was sent, it is audited, it reads
 * "Withdrawn"); nobody else can, and a decided request cannot be withdrawn. A rejection's reason reaches the requester.
 */

let db: TestDatabase;
let admin: Caller;
let landlord: Caller;
let landlord2: Caller;
let aminaLease: string;

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_withdraw' });
  await seedDemoData(db.db);
  admin = await callerByEmail(db.db, 'admin@example.com');
  landlord = await callerByEmail(db.db, 'landlord@example.com');
  landlord2 = await callerByEmail(db.db, 'landlord2@example.com');
  aminaLease = await leaseIdOf(db.db, 'tenant@example.com');
}, 60_000);
afterAll(() => db?.drop());

const askRefund = (remarks: string) =>
  requestPayout(db.db, { caller: landlord, input: payoutRequestSchema.parse({ leaseId: aminaLease, phone: '0712345678', amount: 100, occasion: 'Refund', remarks, requestApproval: true }) }).then((r) => r.payout);

describe('withdrawing a request', () => {
  it('the requester withdraws a waiting refund: REJECTED with withdrawn_at, audited, shown as Withdrawn; approving it then fails', async () => {
    const payout = await askRefund('Withdraw me');
    expect(payout.status).toBe('AWAITING_APPROVAL');
    expect(toPayoutView((await getPayoutForCaller(db.db, { caller: landlord, payoutId: payout.id }))!, landlord).canWithdraw).toBe(true);
    expect(toPayoutView((await getPayoutForCaller(db.db, { caller: admin, payoutId: payout.id }))!, admin).canWithdraw).toBe(false);

    const done = await withdrawRequest(db.db, { caller: landlord, requestId: payout.id });
    expect(done.kind).toBe('payout');
    const view = toPayoutView((await getPayoutForCaller(db.db, { caller: landlord, payoutId: payout.id }))!, landlord);
    expect(view).toMatchObject({ status: 'REJECTED', statusLabel: 'Withdrawn', canWithdraw: false, rejectionReason: null });
    expect(view.withdrawnAt).not.toBeNull();
    const audit = await db.db.select().from(auditLog).where(and(eq(auditLog.targetId, payout.id), eq(auditLog.action, 'payout.withdrawn')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(landlord.id);

    await expect(withdrawRequest(db.db, { caller: landlord, requestId: payout.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(approveRequest(db.db, { caller: admin, requestId: payout.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('nobody but the requester may withdraw: not an admin, not another landlord, not another agency', async () => {
    const payout = await askRefund('Not yours to withdraw');
    for (const caller of [admin, landlord2, { ...admin, agencyId: '00000000-0000-4000-8000-000000000000' }]) {
      await expect(withdrawRequest(db.db, { caller, requestId: payout.id })).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(withdrawRequest(db.db, { caller: landlord, requestId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'not_found' });
    await withdrawRequest(db.db, { caller: landlord, requestId: payout.id });
  });

  it('a waiting reversal can be withdrawn, and the same receipt reversed again afterwards', async () => {
    const [payment] = await db.db.select().from(payments).where(and(eq(payments.leaseId, aminaLease), eq(payments.status, 'completed'))).limit(1);
    const input = reversalRequestSchema.parse({ transactionId: payment!.mpesaReceiptNumber!, remarks: 'Withdraw this reversal' });
    const reversal = await requestReversal(db.db, { caller: landlord, input });
    expect(reversal.status).toBe('AWAITING_APPROVAL');
    await withdrawRequest(db.db, { caller: landlord, requestId: reversal.id });
    const view = toReversalView((await getReversalForCaller(db.db, { caller: landlord, reversalId: reversal.id }))!, landlord);
    expect(view).toMatchObject({ status: 'REJECTED', statusLabel: 'Withdrawn' });
    const again = await requestReversal(db.db, { caller: landlord, input });
    expect(again.status).toBe('AWAITING_APPROVAL');
    await withdrawRequest(db.db, { caller: landlord, requestId: again.id });
  });

  it('a rejected request shows the requester the reason, and cannot be withdrawn', async () => {
    const payout = await askRefund('Reject me');
    await rejectRequest(db.db, { caller: admin, requestId: payout.id, reason: 'Deposit already settled in cash' });
    const view = toPayoutView((await getPayoutForCaller(db.db, { caller: landlord, payoutId: payout.id }))!, landlord);
    expect(view).toMatchObject({ status: 'REJECTED', statusLabel: 'Rejected', rejectionReason: 'Deposit already settled in cash', withdrawnAt: null, canWithdraw: false });
    await expect(withdrawRequest(db.db, { caller: landlord, requestId: payout.id })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('the audit view', () => {
  it('shows the agency who withdrew and who rejected, filtered by action or actor, paged newest first; another agency sees none of it', async () => {
    const withdrawn = await listAuditPage(db.db, { agencyId: admin.agencyId, filters: { action: 'payout.withdrawn' } });
    expect(withdrawn.items.length).toBeGreaterThanOrEqual(2);
    expect(withdrawn.items.every((e) => e.action === 'payout.withdrawn' && e.actorName === 'Peter Mwangi')).toBe(true);
    const byAdmin = await listAuditPage(db.db, { agencyId: admin.agencyId, filters: { actorId: admin.id } });
    expect(byAdmin.items.map((e) => e.action)).toContain('payout.rejected');
    expect(byAdmin.items.find((e) => e.action === 'payout.rejected')!.details).toMatchObject({ reason: 'Deposit already settled in cash' });

    const all = await listAuditPage(db.db, { agencyId: admin.agencyId, filters: {}, limit: 1_000 });
    const paged: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditPage>> = await listAuditPage(db.db, { agencyId: admin.agencyId, filters: {}, after, limit: 3 });
      paged.push(...page.items.map((e) => e.id));
      after = page.next;
    } while (after);
    expect(paged).toEqual(all.items.map((e) => e.id));

    const umoja = await callerByEmail(db.db, 'admin@umoja.example.com');
    const foreign = await listAuditPage(db.db, { agencyId: umoja.agencyId, filters: {}, limit: 1_000 });
    expect(foreign.items.some((e) => e.action === 'payout.withdrawn' || e.action === 'payout.rejected')).toBe(false);
  });
});
