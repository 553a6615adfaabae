import 'server-only';
import type { Db } from '@/db/client';

/**
 * Periodic work that makes every request end (invariant 3): resolving pending pushes, settling unknown payouts.
 * Every task must be safe to run on several app instances at once: claim rows with
 * `FOR UPDATE SKIP LOCKED` (or an advisory lock) so instances never repeat each other's Daraja queries.
 */
export interface SweepTask {
  name: string;
  run(db: Db): Promise<void>;
}

// Each feature adds its task here.
export const sweepTasks: SweepTask[] = [
  { name: 'stk-pending-pushes', run: (db) => import('./stk/sweep-pending-pushes').then((m) => m.stkSweepTask.run(db)) },
  { name: 'b2c-send-stale-queued', run: (db) => import('./b2c/query-payout-status').then((m) => m.sendStaleQueuedPayouts(db)) },
  { name: 'b2c-settle-overdue', run: (db) => import('./b2c/query-payout-status').then((m) => m.queryOverduePayouts(db).then(() => undefined)) },
  { name: 'reversal-send-stale-queued', run: (db) => import('./reversal/settle-reversal-from-status').then((m) => m.sendStaleQueuedReversals(db)) },
  { name: 'reversal-settle-overdue', run: (db) => import('./reversal/settle-reversal-from-status').then((m) => m.queryOverdueReversals(db).then(() => undefined)) },
  { name: 'balance-expire-unanswered', run: (db) => import('./balance/apply-balance-result').then((m) => m.expireUnansweredBalanceChecks(db)) },
];
