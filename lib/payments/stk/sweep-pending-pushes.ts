import 'server-only';
import type { Db } from '@/db/client';
import { claimPushesDueForQuery, lockOverduePushes, updatePush } from '@/db/queries/mpesa-transactions';
import type { SweepTask } from '../sweep-tasks';
import { queryAndSettlePush, type QueryOutcome } from './resolve-stk-status';
import { notifyStkStatus } from './stk-events';
import { getStkSettings, type StkSettings } from './stk-settings';

export interface SweepResult {
  queried: number;
  outcomes: QueryOutcome[];
  markedForReview: number;
}

/**
 * One sweep over pending pushes: query the ones that are due (claimed with SKIP LOCKED and stamped in the same
 * transaction, so instances sweeping together never repeat each other), then hand the ones past the deadline to a
 * person. Marked for review, not failed: a late success is still credited by the callback.
 */
export async function sweepPendingPushes(
  db: Db,
  { settings = getStkSettings(), limit = 25 }: { settings?: StkSettings; limit?: number } = {},
): Promise<SweepResult> {
  const claimed = await db.transaction((tx) =>
    claimPushesDueForQuery(tx, { olderThanSeconds: settings.queryAfterSeconds, minIntervalSeconds: settings.queryMinIntervalSeconds, limit }),
  );
  const outcomes: QueryOutcome[] = [];
  for (const push of claimed) outcomes.push(await queryAndSettlePush(db, { push }));

  const markedForReview = await db.transaction(async (tx) => {
    const overdue = await lockOverduePushes(tx, {
      reviewAfterSeconds: settings.reviewAfterSeconds,
      unsentAfterSeconds: settings.unsentAfterSeconds,
      neverSentAfterSeconds: settings.neverSentAfterSeconds,
      limit,
    });
    for (const push of overdue) {
      // Say what is known, no more: without a CheckoutRequestID we cannot tell whether M-Pesa got the push.
      const reason = push.checkoutRequestId
        ? `No final answer from M-Pesa within ${Math.round(settings.reviewAfterSeconds / 60)} min (queried ${push.queryCount} times)`
        : push.sentAt
          ? `Sent at ${push.sentAt.toISOString()} but M-Pesa never acknowledged it (no CheckoutRequestID), and no receipt for ${push.phone} and this amount has been proven since; if M-Pesa took the money, its receipt will still be credited to this push`
          : 'Recorded but never sent to M-Pesa (the app stopped before sending it)';
      await updatePush(tx, { id: push.id, set: { status: 'TIMEOUT', needsReview: true, reviewReason: reason, completedAt: new Date() } });
      await notifyStkStatus(tx, push);
    }
    return overdue.length;
  });
  return { queried: claimed.length, outcomes, markedForReview };
}

export const stkSweepTask: SweepTask = {
  name: 'stk-pending-pushes',
  run: async (db) => {
    await sweepPendingPushes(db);
  },
};
