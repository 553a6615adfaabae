import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, mpesaB2cTransactions, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { OutgoingEmail, OutgoingSms, Transports } from '@/lib/messaging/channels/types';
import { measureSms } from '@/lib/messaging/gsm7';
import { enqueueInvite } from '@/lib/messaging/notify-account';
import { enqueueDailyProofFailure, enqueueLowBalanceAlert } from '@/lib/messaging/notify-admins';
import { enqueueRefundNotice } from '@/lib/messaging/notify-tenant';
import { runOutboxOnce } from '@/lib/messaging/worker';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { callerByEmail, leaseIdOf } from './stk-support';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The notices besides receipts, each queued by its event and rendered by the worker: approval requests (from the
 * real payout request), refund notices, daily-proof failures, low balance, invitations (the link sealed at rest).
 */

let db: TestDatabase;
const sms: OutgoingSms[] = [];
const emails: OutgoingEmail[] = [];
const transports: Transports = {
  sendSms: async (m) => (sms.push(m), { kind: 'sent', providerMessageId: null, providerStatus: null }),
  sendEmail: async (m) => (emails.push(m), { kind: 'sent', providerMessageId: null, providerStatus: null }),
};

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_notices' });
  await seedDemoData(db.db);
});
afterAll(async () => {
  await db?.drop();
});

const kinds = async (kind: string) => db.db.select().from(messages).where(eq(messages.kind, kind));

describe('notices', () => {
  it('a payout waiting for approval asks every other admin, by SMS and email', async () => {
    const landlord = await callerByEmail(db.db, 'landlord@example.com');
    const leaseId = await leaseIdOf(db.db, 'cynthia@example.com');
    const { payout } = await requestPayout(db.db, { caller: landlord, input: { leaseId, phone: '0711223344', amount: 12_000, occasion: 'Refund', remarks: 'Deposit refund at move-out', requestApproval: true } });
    expect(payout.status).toBe('AWAITING_APPROVAL');
    const queued = await kinds('approval-request');
    const [admin] = await db.db.select().from(users).where(eq(users.email, 'admin@example.com'));
    expect(queued.map((m) => [m.recipientId, m.channel]).sort()).toEqual([[admin!.id, 'email'], [admin!.id, 'sms']]);
    await runOutboxOnce(db.db, { transports });
    expect(sms.at(-1)!.text).toContain('Peter Mwangi asks approval for a refund of KES 12,000 to 0711 223 344');
    expect(emails.at(-1)!.subject).toBe('Approval needed: refund of KES 12,000 to 0711 223 344');
  });

  it('a completed deposit refund tells the tenant where the money went', async () => {
    const [payout] = await db.db.update(mpesaB2cTransactions).set({ status: 'SUCCESS', transactionId: 'UKR7TESTAB', completedAt: new Date() }).returning();
    await db.db.transaction((tx) => enqueueRefundNotice(tx, { payoutId: payout!.id }));
    await db.db.transaction((tx) => enqueueRefundNotice(tx, { payoutId: payout!.id }));
    expect(await kinds('refund-sent')).toHaveLength(2);
    await runOutboxOnce(db.db, { transports });
    const text = sms.at(-1)!.text;
    expect(text).toMatch(/^Demo Properties: your deposit refund of KES 12,000 was sent to M-Pesa 0711 223 344 on \d+ \w+\. M-Pesa ref UKR7TESTAB\.$/);
    expect(measureSms(text).parts).toBe(1);
  });

  it('daily-proof failures and low balance reach the admins once per day', async () => {
    const [{ agencyId }] = await db.db.select({ agencyId: users.agencyId }).from(users).where(eq(users.email, 'admin@example.com')) as [{ agencyId: string }];
    await db.db.transaction(async (tx) => {
      await enqueueDailyProofFailure(tx, { agencyId, day: '2026-03-04', summary: '2 receipts in the statement are not in the books' });
      await enqueueDailyProofFailure(tx, { agencyId, day: '2026-03-04', summary: 'again' });
      await enqueueLowBalanceAlert(tx, { agencyId, shortcode: '600996', availableCents: 150_000, thresholdCents: 5_000_000 });
      await enqueueLowBalanceAlert(tx, { agencyId, shortcode: '600996', availableCents: 140_000, thresholdCents: 5_000_000 });
    });
    expect(await kinds('daily-proof-failed')).toHaveLength(2);
    expect(await kinds('low-balance')).toHaveLength(2);
    await runOutboxOnce(db.db, { transports });
    expect(sms.some((m) => m.text.includes('the M-Pesa statement for 2026-03-04 does not match the books: 2 receipts in the statement are not in the books'))).toBe(true);
    expect(sms.some((m) => m.text === 'Haven: paybill 600996 balance is KES 1,500, below KES 50,000. Refunds and payouts may fail until it is topped up.')).toBe(true);
  });

  it('an invitation carries its link to the person, while the row keeps it sealed and then forgets it', async () => {
    const [tenant] = await db.db.select().from(users).where(eq(users.email, 'esther@example.com'));
    const link = 'http://localhost:3000/invite/secret-token-abc123';
    await db.db.transaction((tx) => enqueueInvite(tx, { inviteId: 'inv-1', userId: tenant!.id, acceptUrl: link, expiresAt: new Date('2026-03-10T09:00:00Z') }));
    const [queued] = await kinds('lease-invite');
    expect(JSON.stringify(queued!.payload)).not.toContain('secret-token');
    await runOutboxOnce(db.db, { transports });
    expect(sms.at(-1)!.text).toContain(link);
    expect(emails.at(-1)!.text).toContain(link);
    const sent = await kinds('lease-invite');
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent']);
    for (const m of sent) {
      expect(m.body).toContain('[one-time link]');
      expect(m.body).not.toContain('secret-token');
      expect(m.payload).not.toHaveProperty('sealedLink');
    }
  });
});
