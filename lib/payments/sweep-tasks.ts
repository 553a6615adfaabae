import 'server-only';
import type { Db } from '@/db/client';

/**
 * Periodic work that makes every request end (invariant 3): resolving pending pushes, settling money-out requests,
 * proving receipts. Every task must be safe to run on several app instances at once: claim rows with
 * `FOR UPDATE SKIP LOCKED` (or an advisory lock) so instances never repeat each other's Daraja queries.
 */
export interface SweepTask {
  name: string;
  run(db: Db): Promise<void>;
}

// Each feature adds its task here.
export const sweepTasks: SweepTask[] = [
  { name: 'stk-pending-pushes', run: (db) => import('./stk/sweep-pending-pushes').then((m) => m.stkSweepTask.run(db)) },
  { name: 'initiator-send-stale-queued', run: (db) => import('./initiator/sweep-initiator-requests').then((m) => m.sendStaleQueuedRequests(db).then(() => undefined)) },
  { name: 'money-out-settle-overdue', run: (db) => import('./initiator/sweep-initiator-requests').then((m) => m.queryOverdueMoneyOut(db).then(() => undefined)) },
  { name: 'balance-expire-unanswered', run: (db) => import('./initiator/sweep-initiator-requests').then((m) => m.expireUnansweredBalanceChecks(db)) },
  // The day's opening balance, then a check whenever the newest is over 6 h old (after money out, one runs at once).
  { name: 'balance-on-schedule', run: (db) => import('./balance/sweep-daily-balance').then((m) => m.checkBalanceOnSchedule(db).then(() => undefined)) },
  { name: 'statement-reconcile', run: (db) => import('./statement/sweep-statements').then((m) => m.reconcileDueStatements(db).then(() => undefined)) },
  { name: 'proof-alert-yesterday', run: (db) => import('./proof/alert-failed-proofs').then((m) => m.alertFailedDailyProofs(db).then(() => undefined)) },
  { name: 'receipts-requery-pending', run: (db) => import('./receipts/sweep-receipt-checks').then((m) => m.requeryPendingReceipts(db).then(() => undefined)) },
  // Rent, recurring charges and late fees, each once per lease and period (lease row lock + unique keys).
  { name: 'rent-charges', run: (db) => import('@/lib/ledger/rent-sweep').then((m) => m.runRentSweep(db).then(() => undefined)) },
  { name: 'messaging-rent-reminders', run: (db) => import('@/lib/messaging/reminders').then((m) => m.planRentRemindersIfEnabled(db)) },
  { name: 'idempotency-key-prune', run: (db) => import('@/lib/api/idempotency').then((m) => m.pruneIdempotencyKeysOccasionally(db)) },
  { name: 'rate-limit-prune', run: (db) => import('@/lib/auth/prune-rate-limits').then((m) => m.pruneRateLimitsOccasionally(db)) },
];
