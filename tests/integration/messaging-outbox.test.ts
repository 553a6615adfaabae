import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { recordPayment } from '@/db/queries/ledger';
import { seedDemoData } from '@/db/seed';
import { leases, messages, users } from '@/db/schema';
import { sendAfricasTalkingSms } from '@/lib/messaging/channels/africas-talking';
import { sendSmtpEmail } from '@/lib/messaging/channels/smtp';
import { enqueuePaymentReceipt } from '@/lib/messaging/notify-tenant';
import type { Transports } from '@/lib/messaging/channels/types';
import { runOutboxOnce } from '@/lib/messaging/worker';
import { startMailbox, type Mailbox } from '../../mailbox/mailbox';
import { atControl, type AtControl } from '../support/africas-talking-control';
import { startSandbox, type SandboxHandle } from '../support/sandbox-process';
import { createTestDatabase, EMBEDDED_SETUP_TIMEOUT_MS, type TestDatabase } from '../support/test-database';

/**
 * The outbox end to end, on PostgreSQL and on the embedded PGlite: a credited payment queues its receipt in the
 * crediting transaction; the worker delivers it through the sandbox's Africa's
 * Talking API (SMS on the virtual phone) and a real SMTP server. Exactly one of each, whatever happens.
 */

const AMINA = '254712345678';
let sandbox: SandboxHandle;
let mailbox: Mailbox;
let at: AtControl;
let seq = 0;

beforeAll(async () => {
  [sandbox, mailbox] = await Promise.all([startSandbox(), startMailbox()]);
  at = atControl(sandbox.url);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), mailbox?.stop()]);
});

/** The real providers, pointed at this file's sandbox and mailbox. */
function transports(smtpUrl = `smtp://127.0.0.1:${mailbox.smtpPort}`): Transports {
  return {
    sendSms: (sms) => sendAfricasTalkingSms({ ...sms, account: { ...sms.account, baseUrl: sandbox.url } }),
    sendEmail: (email) => sendSmtpEmail(email, { smtpUrl }),
  };
}

/**
 * A paybill payment credited as the crediting transaction does it (recordPayment, then the receipt queued in the same
 * transaction). The hooks in the real crediting paths are exercised against the built app in tests/e2e/messaging.
 */
async function payByPaybill(db: Db, amountKes: number): Promise<{ paymentId: string; transId: string }> {
  const [lease] = await db.select({ id: leases.id, agencyId: leases.agencyId }).from(leases).innerJoin(users, eq(users.id, leases.tenantId)).where(eq(users.email, 'tenant@example.com'));
  seq += 1;
  const transId = `UMS${Date.now().toString(36).toUpperCase().slice(-5)}${seq}`.slice(0, 10).padEnd(10, 'X');
  const paymentId = await db.transaction(async (tx) => {
    const payment = await recordPayment(tx, { agencyId: lease!.agencyId, leaseId: lease!.id, amountCents: amountKes * 100, method: 'mpesa_paybill', mpesaReceiptNumber: transId, payerPhone: AMINA, paidAt: new Date(), recordedBy: null });
    await enqueuePaymentReceipt(tx, { paymentId: payment!.id });
    return payment!.id;
  });
  return { paymentId, transId };
}

const messagesOf = (db: Db, paymentId: string) => db.select().from(messages).where(eq(messages.eventKey, `payment:${paymentId}`));
const smsWith = async (text: string) => (await at.sentTo(AMINA, text)).length;
const emailsWith = (text: string) => mailbox.messages().filter((m) => m.text.includes(text)).length;

describe.each([
  { name: 'PostgreSQL', embedded: false },
  { name: 'PGlite', embedded: true },
])('outbox on $name', ({ embedded }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ embedded, prefix: 'haven_msg' });
    await seedDemoData(db.db);
  }, EMBEDDED_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await db?.drop();
  }, EMBEDDED_SETUP_TIMEOUT_MS);

  it('queues the receipt in the crediting transaction and delivers exactly one SMS and one email, with two workers at once', async () => {
    const { paymentId, transId } = await payByPaybill(db.db, 1_501);
    const queued = await messagesOf(db.db, paymentId);
    expect(queued.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    expect(queued.every((m) => m.status === 'queued')).toBe(true);

    // The same event queued again adds nothing.
    await db.db.transaction((tx) => enqueuePaymentReceipt(tx, { paymentId }));
    expect(await messagesOf(db.db, paymentId)).toHaveLength(2);
    const runs = await Promise.all([runOutboxOnce(db.db, { transports: transports() }), runOutboxOnce(db.db, { transports: transports() })]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBeGreaterThanOrEqual(2);
    await runOutboxOnce(db.db, { transports: transports() });

    await mailbox.waitFor((m) => m.text.includes(transId));
    expect(await smsWith(transId)).toBe(1);
    expect(emailsWith(transId)).toBe(1);
    const sent = await messagesOf(db.db, paymentId);
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent']);
    const sms = sent.find((m) => m.channel === 'sms')!;
    expect(sms.providerMessageId).toMatch(/^ATXid_/);
    expect(sms.body).toContain('KES 1,501');
    expect(sms.body!.length).toBeLessThanOrEqual(160);

    const email = mailbox.messages().find((m) => m.text.includes(transId))!;
    expect(email.fromName).toBe('Demo Properties');
    expect(email.to).toEqual(['tenant@example.com']);
    expect(email.html).toContain('cid:receipt-qr');
    expect(email.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/png']);
    const phone = await sandbox.control.subscriber(AMINA);
    expect(phone.sms.find((m) => m.text.includes(transId))?.from).toBe('AFRICASTKNG');
  });

  it('a worker that dies after the provider took the message and before marking it: never sent twice, left for a person', async () => {
    const { paymentId, transId } = await payByPaybill(db.db, 1_601);
    const t0 = new Date();
    const real = transports();
    // Sends for real, then never returns: the process "died" between the provider call and the mark.
    const crashing: Transports = {
      sendSms: async (sms) => { await real.sendSms(sms); return new Promise(() => {}); },
      sendEmail: async (email) => { await real.sendEmail(email); return new Promise(() => {}); },
    };
    void runOutboxOnce(db.db, { transports: crashing, now: () => t0 });
    // The worker hangs inside its first provider call; its other claimed message never reached the provider.
    await expect.poll(async () => (await smsWith(transId)) + emailsWith(transId), { timeout: 30_000, interval: 100 }).toBe(1);

    // Another worker, after the dead one's claim has expired.
    const later = new Date(t0.getTime() + 10 * 60_000);
    await runOutboxOnce(db.db, { transports: real, now: () => later });
    await runOutboxOnce(db.db, { transports: real, now: () => new Date(later.getTime() + 60 * 60_000) });
    await mailbox.waitFor((m) => m.text.includes(transId));
    expect(await smsWith(transId)).toBe(1);
    expect(emailsWith(transId)).toBe(1);
    const rows = await messagesOf(db.db, paymentId);
    // The one in flight when the worker died is `unknown` (not resent); the one it had only claimed went out.
    expect(rows.map((m) => m.status).sort()).toEqual(['sent', 'unknown']);
    expect(rows.find((m) => m.status === 'unknown')!.lastError).toMatch(/may have been delivered/);
  });

  it('a worker that dies before calling the provider: the message goes back to the queue and is sent once', async () => {
    const { paymentId, transId } = await payByPaybill(db.db, 1_701);
    const t0 = new Date();
    // Claimed, then the worker is gone before rendering: simulated by a claim that is never carried on.
    await db.db.update(messages).set({ status: 'claimed', claimedUntil: t0, attempts: 1 }).where(eq(messages.eventKey, `payment:${paymentId}`));
    await runOutboxOnce(db.db, { transports: transports(), now: () => new Date(t0.getTime() + 1_000) });
    await mailbox.waitFor((m) => m.text.includes(transId));
    expect(await smsWith(transId)).toBe(1);
    expect((await messagesOf(db.db, paymentId)).map((m) => [m.status, m.attempts])).toEqual([['sent', 2], ['sent', 2]]);
  });

  it('a provider failure is retried with back-off and ends visible as failed after the last attempt', async () => {
    await at.addFault({ kind: 'http-error', status: 503, times: 50 });
    // Nothing listens on port 9: the SMTP server is down.
    const broken = transports('smtp://127.0.0.1:9');
    const { paymentId } = await payByPaybill(db.db, 1_801);
    let clock = new Date();
    const seen: Date[] = [];
    for (let i = 0; i < 12; i++) {
      await runOutboxOnce(db.db, { transports: broken, now: () => clock });
      const rows = await messagesOf(db.db, paymentId);
      if (rows.every((m) => m.status === 'failed')) break;
      seen.push(rows[0]!.nextAttemptAt);
      clock = new Date(Math.max(...rows.map((m) => m.nextAttemptAt.getTime())) + 1_000);
    }
    await at.clearFaults();
    const rows = await messagesOf(db.db, paymentId);
    expect(rows.map((m) => m.status)).toEqual(['failed', 'failed']);
    for (const m of rows) expect(m.attempts).toBe(m.maxAttempts);
    expect(rows.find((m) => m.channel === 'sms')!.lastError).toMatch(/HTTP 503/);
    expect(rows.find((m) => m.channel === 'email')!.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    // Back-off: each wait longer than the one before.
    const gaps = seen.slice(1).map((d, i) => d.getTime() - seen[i]!.getTime());
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]!);
    const failed = await db.db.select({ n: messages.id }).from(messages).where(and(eq(messages.status, 'failed'), eq(messages.eventKey, `payment:${paymentId}`)));
    expect(failed).toHaveLength(2);
  });
});
