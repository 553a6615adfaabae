import 'server-only';
import type { Db } from '@/db/client';
import { getInboxRow, listUnfinishedInboxRows, markInboxRow, type InboxRow } from '@/db/queries/callback-inbox';
import { inboxProcessors } from './inbox-processors';

/** Applies one stored callback; never throws (a failure is recorded on the row and retried by the sweep). */
export async function processInboxRow(db: Db, row: InboxRow): Promise<void> {
  const processor = inboxProcessors[row.kind];
  if (!processor) {
    await markInboxRow(db, { id: row.id, outcome: 'error', error: `no processor for kind ${row.kind}` });
    return;
  }
  try {
    const result = await processor(db, row);
    await markInboxRow(db, { id: row.id, ...result });
  } catch (error) {
    console.error(`Processing ${row.kind} callback ${row.id} failed`, error);
    await markInboxRow(db, { id: row.id, outcome: 'error', error: error instanceof Error ? error.message : String(error) }).catch(() => {});
  }
}

export async function processInboxRowById(db: Db, { id }: { id: string }): Promise<void> {
  const row = await getInboxRow(db, { id });
  if (row) await processInboxRow(db, row);
}

/** Retries callbacks that could not be applied yet (their request was not stored) or hit a transient error. */
export async function retryUnfinishedCallbacks(db: Db, { olderThanMs = 2_000 }: { olderThanMs?: number } = {}): Promise<number> {
  const rows = await listUnfinishedInboxRows(db, { olderThan: new Date(Date.now() - olderThanMs) });
  for (const row of rows) await processInboxRow(db, row);
  return rows.length;
}
