import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getReplayableInboxRow, resetDeadLetterRow } from '@/db/queries/inbox-replay';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/validation/uuid';
import { processInboxRowById } from '../process-inbox';
import type { ReplayCallbackResult } from './replay-input';

/**
 * An admin sends a dead-lettered callback through the inbox again (after fixing what made it fail: Daraja back,
 * a bug deployed away). The reset and its audit row are one transaction; then the row is processed at once by
 * the normal path, exactly as if it had just arrived. Processing is idempotent, so a replay never credits twice.
 */
export async function replayDeadLetterCallback(db: Db, { caller, inboxId }: { caller: Caller; inboxId: string }): Promise<ReplayCallbackResult> {
  if (caller.role !== 'admin' || !isUuid(inboxId)) throw notFound('That callback');
  const reset = await db.transaction(async (tx) => {
    const row = await resetDeadLetterRow(tx, { id: inboxId, agencyId: caller.agencyId });
    if (!row) return null;
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'callback.replayed', targetType: 'callback_inbox', targetId: row.id,
      details: { kind: row.kind, lastError: row.lastError, attempts: row.attempts, failures: row.failures },
    });
    return row;
  });
  if (!reset) {
    const existing = await getReplayableInboxRow(db, { id: inboxId, agencyId: caller.agencyId });
    if (!existing) throw notFound('That callback');
    throw new AppError('conflict', 'Only a dead-letter callback can be replayed; this one is not (any more).');
  }
  // Null when a sweep claimed it between the reset and here: it is being processed all the same.
  const outcome = await processInboxRowById(db, { id: reset.id });
  return { id: reset.id, outcome };
}
