import 'server-only';
import type { Db } from '@/db/client';
import { claimDueInboxRows, claimInboxRow, finishInboxRow, listWaitingForCorrelation, type ClaimedInboxRow } from '@/db/queries/callback-inbox';
import type { InboxOutcome } from '@/db/schema';
import { inboxProcessors } from './inbox-processors';

/**
 * Applies one claimed callback; never throws. A thrown processor is an `error` (retried with back-off, then
 * dead-lettered after INBOX_MAX_FAILURES); the claim token makes sure only the worker holding the row records it.
 */
export async function processClaimedRow(db: Db, row: ClaimedInboxRow): Promise<InboxOutcome> {
  const processor = inboxProcessors[row.kind];
  try {
    const result = await processor(db, row);
    const recorded = await finishInboxRow(db, { row, ...result });
    if (!recorded) console.warn(`Callback ${row.id} was taken over by another worker while it was being processed`);
    return result.outcome;
  } catch (error) {
    console.error(`Processing ${row.kind} callback ${row.id} failed (attempt ${row.attempts})`, error);
    const message = error instanceof Error ? error.message : String(error);
    await finishInboxRow(db, { row, outcome: 'error', error: message }).catch((e: unknown) => console.error(`Could not record the failure of callback ${row.id}`, e));
    return 'error';
  }
}

/** Processes one row now if nobody else holds it (the request that stored it, initiation finding an early callback). */
export async function processInboxRowById(db: Db, { id }: { id: string }): Promise<InboxOutcome | null> {
  const row = await claimInboxRow(db, { id });
  return row ? processClaimedRow(db, row) : null;
}

/**
 * Applies the callbacks that arrived before their request was stored (initiation calls this right after storing
 * Daraja's ids). Such a row may still be held by the worker that just found no request for it: wait for it to be
 * released (it finishes as `waiting` at once) rather than leave the payment to the next sweep.
 */
export async function processWaitingCallbacks(db: Db, { correlationId, waitMs = 3_000 }: { correlationId: string; waitMs?: number }): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const rows = await listWaitingForCorrelation(db, { correlationId });
    let busy = false;
    for (const { id } of rows) if ((await processInboxRowById(db, { id })) === null) busy = true;
    if (!busy || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One pass over every due row (waiting for its request, failed before, or left by a dead worker), one at a time: the inbox workers do this continuously. */
export async function processDueCallbacks(db: Db, { limit = 50 }: { limit?: number } = {}): Promise<number> {
  const rows = await claimDueInboxRows(db, { limit });
  for (const row of rows) await processClaimedRow(db, row);
  return rows.length;
}
