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
export const inboxProcessors: Record<string, InboxProcessor> = {};
