import 'server-only';
import type { Db } from '@/db/client';
import type { InboxOutcome, InboxRow } from '@/db/queries/callback-inbox';

/**
 * How each kind of stored callback is applied. A processor must be idempotent: the same inbox row, or ten
 * copies of the same callback in ten rows, may be processed concurrently and more than once.
 */
export interface ProcessResult {
  outcome: InboxOutcome;
  correlationId?: string | null;
  error?: string | null;
}

export type InboxProcessor = (db: Db, row: InboxRow) => Promise<ProcessResult>;

// Each feature registers its processors here, keyed by the inbox `kind` its callback route stores.
export const inboxProcessors: Record<string, InboxProcessor> = {
  stk: (db, row) => import('./stk/apply-stk-callback').then((m) => m.applyStkCallback(db, row)),
  'b2c-result': (db, row) => import('./b2c/apply-b2c-result').then((m) => m.applyB2cResult(db, row)),
  'b2c-timeout': (db, row) => import('./b2c/apply-b2c-result').then((m) => m.applyB2cTimeout(db, row)),
  'reversal-result': (db, row) => import('./reversal/apply-reversal-result').then((m) => m.applyReversalResult(db, row)),
  'reversal-timeout': (db, row) => import('./reversal/apply-reversal-result').then((m) => m.applyReversalTimeout(db, row)),
  'balance-result': (db, row) => import('./balance/apply-balance-result').then((m) => m.applyBalanceResult(db, row)),
  'balance-timeout': (db, row) => import('./balance/apply-balance-result').then((m) => m.applyBalanceTimeout(db, row)),
  'status-result': (db, row) => import('./b2c/apply-status-result').then((m) => m.applyStatusResult(db, row)),
  // A status query that timed out settles nothing: the sweep asks again at the next interval.
  'status-timeout': async () => ({ outcome: 'applied' }),
  'c2b-confirmation': (db, row) => import('./c2b/apply-c2b-confirmation').then((m) => m.applyC2bConfirmation(db, row)),
  'c2b-validation': (db, row) => import('./c2b/decide-c2b-validation').then((m) => m.applyC2bValidation(db, row)),
};
