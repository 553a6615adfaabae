import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { messages, type MessageStatus } from '../schema';

/** The outbox's SQL. Every state change after the claim checks the claim token, so a worker that lost its claim changes nothing. */

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** Inserts what is not there yet: (event, recipient, channel) is unique, so a repeated event queues nothing. */
export async function insertMessages(db: DbOrTx, rows: NewMessage[]): Promise<MessageRow[]> {
  if (rows.length === 0) return [];
  return db.insert(messages).values(rows).onConflictDoNothing().returning();
}

/**
 * Claims up to `limit` due messages for one worker. `FOR UPDATE SKIP LOCKED` lets several workers (instances)
 * claim at once without waiting on, or taking, each other's rows.
 */
export async function claimDueMessages(
  db: DbOrTx,
  { now, limit, claimUntil, token }: { now: Date; limit: number; claimUntil: Date; token: string },
): Promise<MessageRow[]> {
  const due = db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.status, 'queued'), lte(messages.nextAttemptAt, now)))
    .orderBy(messages.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(messages)
    .set({ status: 'claimed', claimToken: token, claimedUntil: claimUntil, attempts: sql`${messages.attempts} + 1`, updatedAt: now })
    .where(inArray(messages.id, due))
    .returning();
}

/**
 * Claims whose worker died. `claimed` never reached the provider: back to the queue. `sending` may have: `unknown`,
 * for a person to decide, because sending it again could deliver it twice.
 */
export async function releaseExpiredClaims(db: DbOrTx, { now }: { now: Date }): Promise<{ requeued: number; unknown: number }> {
  const requeued = await db
    .update(messages)
    .set({ status: 'queued', claimToken: null, claimedUntil: null, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(messages.status, 'claimed'), lte(messages.claimedUntil, now)))
    .returning({ id: messages.id });
  const unknown = await db
    .update(messages)
    .set({
      // The token stays: if the slow worker does hear back after all, its answer still settles the message.
      status: 'unknown', claimedUntil: null, updatedAt: now,
      lastError: 'The worker stopped after handing this to the provider and before hearing back: it may have been delivered',
    })
    .where(and(eq(messages.status, 'sending'), lte(messages.claimedUntil, now)))
    .returning({ id: messages.id });
  return { requeued: requeued.length, unknown: unknown.length };
}

/** Committed before the provider call: from here on a crash leaves the message `unknown`, not resent. */
export async function markSending(
  db: DbOrTx,
  { id, token, subject, body, now }: { id: string; token: string; subject: string | null; body: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ status: 'sending', subject, body, updatedAt: now })
    .where(and(eq(messages.id, id), eq(messages.claimToken, token), eq(messages.status, 'claimed')))
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** The end of one attempt. Also accepted from `unknown`: a slow provider's answer still settles it. */
export async function settleAttempt(
  db: DbOrTx,
  { id, token, set }: { id: string; token: string; set: Partial<NewMessage> & { status: MessageStatus } },
): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ claimToken: null, claimedUntil: null, ...set })
    .where(and(eq(messages.id, id), eq(messages.claimToken, token), or(inArray(messages.status, ['claimed', 'sending']), eq(messages.status, 'unknown'))))
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function getMessage(db: DbOrTx, { id, agencyId }: { id: string; agencyId: string }) {
  const [row] = await db.select().from(messages).where(and(eq(messages.id, id), eq(messages.agencyId, agencyId))).limit(1);
  return row ?? null;
}

/** An admin's "send again" for a failed or unknown message: a new round of attempts on the same row. */
export async function requeueMessage(db: DbOrTx, { id, agencyId, now }: { id: string; agencyId: string; now: Date }): Promise<MessageRow | null> {
  const [row] = await db
    .update(messages)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, lastError: null, claimToken: null, updatedAt: now })
    .where(and(eq(messages.id, id), eq(messages.agencyId, agencyId), inArray(messages.status, ['failed', 'unknown'])))
    .returning();
  return row ?? null;
}

const listColumns = {
  id: messages.id, kind: messages.kind, channel: messages.channel, address: messages.address, status: messages.status,
  subject: messages.subject, body: messages.body, attempts: messages.attempts, maxAttempts: messages.maxAttempts,
  lastError: messages.lastError, providerStatus: messages.providerStatus, sentAt: messages.sentAt, createdAt: messages.createdAt,
  nextAttemptAt: messages.nextAttemptAt, leaseId: messages.leaseId, recipientId: messages.recipientId,
};
export type MessageListItem = Awaited<ReturnType<typeof listAgencyMessages>>[number];

export async function listAgencyMessages(
  db: DbOrTx,
  { agencyId, statuses, limit = 100 }: { agencyId: string; statuses?: MessageStatus[]; limit?: number },
) {
  const where = statuses?.length ? and(eq(messages.agencyId, agencyId), inArray(messages.status, statuses)) : eq(messages.agencyId, agencyId);
  return db.select(listColumns).from(messages).where(where).orderBy(desc(messages.createdAt)).limit(limit);
}

/** Everything sent to one person, or about one lease (the lease page shows both). */
export async function listMessagesFor(
  db: DbOrTx,
  { agencyId, recipientId, leaseId, limit = 50 }: { agencyId: string; recipientId: string; leaseId?: string; limit?: number },
) {
  const who = leaseId ? or(eq(messages.recipientId, recipientId), eq(messages.leaseId, leaseId)) : eq(messages.recipientId, recipientId);
  return db.select(listColumns).from(messages).where(and(eq(messages.agencyId, agencyId), who)).orderBy(desc(messages.createdAt)).limit(limit);
}

export async function countMessagesByStatus(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<Partial<Record<MessageStatus, number>>> {
  const rows = await db.select({ status: messages.status, n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.agencyId, agencyId)).groupBy(messages.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
