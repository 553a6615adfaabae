import 'server-only';
import type { Db } from '@/db/client';
import type { InboxRow } from '@/db/queries/callback-inbox';
import type { InboxKind, InboxOutcome } from '@/db/schema';

/**
 * How each kind of stored callback is applied. A processor must be idempotent: the same inbox row, or ten
 * copies of the same callback in ten rows, may be processed concurrently and more than once. It reports the
 * agency the callback concerned, once it knows, so that the M-Pesa log is scoped without guessing.
 */
export interface ProcessResult {
  outcome: Exclude<InboxOutcome, 'dead'>;
  correlationId?: string | null;
  error?: string | null;
  agencyId?: string | null;
}

export type InboxProcessor = (db: Db, row: InboxRow) => Promise<ProcessResult>;

// Every kind the schema knows must have a processor (the type makes a missing one a compile error).
export const inboxProcessors: Record<InboxKind, InboxProcessor> = {
  stk: (db, row) => import('./stk/apply-stk-callback').then((m) => m.applyStkCallback(db, row)),
  'b2c-result': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorResult(db, row, 'payout')),
  'b2c-timeout': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorTimeout(db, row, 'payout')),
  'reversal-result': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorResult(db, row, 'reversal')),
  'reversal-timeout': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorTimeout(db, row, 'reversal')),
  'balance-result': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorResult(db, row, 'balance')),
  'balance-timeout': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorTimeout(db, row, 'balance')),
  'status-result': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorResult(db, row, 'status')),
  'status-timeout': (db, row) => import('./initiator/apply-initiator-callback').then((m) => m.applyInitiatorTimeout(db, row, 'status')),
  'c2b-confirmation': (db, row) => import('./c2b/apply-c2b-confirmation').then((m) => m.applyC2bConfirmation(db, row)),
  'c2b-validation': (db, row) => import('./c2b/decide-c2b-validation').then((m) => m.applyC2bValidation(db, row)),
};
