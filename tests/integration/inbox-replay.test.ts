import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInboxRow, INBOX_MAX_FAILURES, insertInboxRow } from '@/db/queries/callback-inbox';
import { auditLog, callbackInbox, rateLimitHits } from '@/db/schema';
import { isAppError } from '@/lib/errors';
import { replayDeadLetterCallback } from '@/lib/payments/log/replay-dead-letter';
import { callerByEmail, createStkWorld, waitForPush, type StkWorld } from './stk-support';

/**
 * An admin's replay of a dead-letter callback: only a dead row of the admin's agency, audited with its last error,
 * then processed by the normal inbox path; nobody else can replay it, and a row replayed once is not dead any more.
 */

const HALIMA = '254758990011';
let w: StkWorld;

beforeAll(async () => {
  w = await createStkWorld('replay-secret', { sandboxEnv: { SANDBOX_PROMPT_TIMEOUT_MS: '60000' } });
}, 120_000);
afterAll(() => w?.stop());

const cancelBody = (checkoutRequestId: string) =>
  JSON.stringify({ Body: { stkCallback: { MerchantRequestID: 'm', CheckoutRequestID: checkoutRequestId, ResultCode: 1032, ResultDesc: 'Request cancelled by user' } } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('replaying a dead-letter callback', () => {
  it('is refused to anyone but an admin of its agency, then processes it through the inbox, audited, once', async () => {
    await w.db.db.delete(rateLimitHits);
    await w.sandbox.control.setSubscriber(HALIMA, { behaviour: 'manual' });
    const { push } = await w.pay('halima', 411);
    await w.sandbox.control.waitForPrompt(HALIMA);
    const inserted = await insertInboxRow(w.db.db, { kind: 'stk', path: '/callback/:secret', headers: {}, sourceAddress: '127.0.0.1', body: cancelBody(push.checkoutRequestId!) });
    // Where INBOX_MAX_FAILURES failed attempts leave a row (callback-inbox.test.ts proves the way there).
    await w.db.db.update(callbackInbox)
      .set({ outcome: 'dead', error: 'connect ECONNREFUSED 127.0.0.1:9', attempts: INBOX_MAX_FAILURES, failures: INBOX_MAX_FAILURES, processedAt: sql`now()`, agencyId: push.agencyId, correlationId: push.checkoutRequestId })
      .where(eq(callbackInbox.id, inserted.id));

    for (const email of ['admin@umoja.example.com', 'landlord@example.com', 'tenant@example.com']) {
      const error = await failure(replayDeadLetterCallback(w.db.db, { caller: await callerByEmail(w.db.db, email), inboxId: inserted.id }));
      expect(isAppError(error) && error.code).toBe('not_found');
    }
    const admin = await callerByEmail(w.db.db, 'admin@example.com');
    expect(isAppError(await failure(replayDeadLetterCallback(w.db.db, { caller: admin, inboxId: 'not-an-id' })))).toBe(true);
    expect((await getInboxRow(w.db.db, { id: inserted.id }))!.outcome).toBe('dead');

    // Daraja is back and the customer cancelled: the replayed callback is verified and applied like a new one.
    await w.sandbox.control.answerPrompt(HALIMA, { cancel: true });
    await waitForPush(w.db.db, push.id);
    const result = await replayDeadLetterCallback(w.db.db, { caller: admin, inboxId: inserted.id });
    expect(result.id).toBe(inserted.id);
    expect(result.outcome).toMatch(/^(applied|duplicate)$/);
    const after = (await getInboxRow(w.db.db, { id: inserted.id }))!;
    expect(after).toMatchObject({ outcome: result.outcome, attempts: 1, failures: 0, claimToken: null });
    expect(after.processedAt).not.toBeNull();

    const audit = await w.db.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'callback_inbox'), eq(auditLog.targetId, inserted.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'callback.replayed', actorId: admin.id, agencyId: admin.agencyId, details: { kind: 'stk', lastError: 'connect ECONNREFUSED 127.0.0.1:9', failures: INBOX_MAX_FAILURES } });

    // Not dead any more: a second replay is a conflict and changes nothing.
    const again = await failure(replayDeadLetterCallback(w.db.db, { caller: admin, inboxId: inserted.id }));
    expect(isAppError(again) && again.code).toBe('conflict');
    expect(await w.db.db.select().from(auditLog).where(eq(auditLog.targetId, inserted.id))).toHaveLength(1);
  });
});
