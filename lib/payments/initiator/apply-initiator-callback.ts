import 'server-only';
import type { Db } from '@/db/client';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { isDarajaCallbackError } from '@/lib/mpesa/errors';
import { parseQueueTimeout } from '@/lib/mpesa/callbacks';
import type { ProcessResult } from '../inbox-processors';
import { balanceKind } from './balance-kind';
import type { InitiatorKind, InitiatorKindName, InitiatorRow, ResultIds } from './initiator-kind';
import { payoutKind } from './payout-kind';
import { reversalKind } from './reversal-kind';
import { statusKind } from './status-kind';

// A result can beat our write of the ack's ids (invariant 2): it waits this long for them, then counts as unmatched.
const WAIT_FOR_REQUEST_MS = 10 * 60_000;

function waitOrGiveUp(row: InboxRow, correlationId: string | null): ProcessResult {
  const old = Date.now() - row.receivedAt.getTime() > WAIT_FOR_REQUEST_MS;
  return old
    ? { outcome: 'unmatched', correlationId, error: 'No request of ours has these conversation ids' }
    : { outcome: 'waiting', correlationId, error: 'No request with these conversation ids yet' };
}

async function applyResultWith<Row extends InitiatorRow, Result extends ResultIds & { occasion?: string | null }>(
  db: Db,
  row: InboxRow,
  kind: InitiatorKind<Row, Result>,
): Promise<ProcessResult> {
  let result: Result;
  try {
    result = kind.parseResult(row.body);
  } catch (error) {
    if (!isDarajaCallbackError(error)) throw error;
    return { outcome: 'invalid', error: error.message };
  }
  const request = await kind.findForResult(db, result);
  if (!request) return waitOrGiveUp(row, result.conversationId);
  return kind.applyResult(db, { request, result, inboxId: row.id });
}

async function applyTimeoutWith<Row extends InitiatorRow, Result extends ResultIds>(db: Db, row: InboxRow, kind: InitiatorKind<Row, Result>): Promise<ProcessResult> {
  const timeout = parseQueueTimeout(row.body);
  const ids = { conversationId: timeout.conversationId ?? '', originatorConversationId: timeout.originatorConversationId ?? null };
  if (!ids.conversationId && !ids.originatorConversationId) return { outcome: 'invalid', error: 'The queue timeout names no conversation' };
  const request = await kind.findForResult(db, ids);
  // A timeout can beat our write of the acknowledgement, which would then undo it: apply it after the ack.
  if (!request || request.conversationId === null) return waitOrGiveUp(row, ids.conversationId || ids.originatorConversationId);
  return kind.applyTimeout(db, { request, inboxId: row.id });
}

/** Inbox processor for every initiator result (`b2c-result`, `reversal-result`, `balance-result`, `status-result`). */
export function applyInitiatorResult(db: Db, row: InboxRow, kind: InitiatorKindName): Promise<ProcessResult> {
  switch (kind) {
    case 'payout':
      return applyResultWith(db, row, payoutKind);
    case 'reversal':
      return applyResultWith(db, row, reversalKind);
    case 'balance':
      return applyResultWith(db, row, balanceKind);
    case 'status':
      return applyResultWith(db, row, statusKind);
  }
}

/** Inbox processor for every queue-timeout notification (SPEC §5.5). */
export function applyInitiatorTimeout(db: Db, row: InboxRow, kind: InitiatorKindName): Promise<ProcessResult> {
  switch (kind) {
    case 'payout':
      return applyTimeoutWith(db, row, payoutKind);
    case 'reversal':
      return applyTimeoutWith(db, row, reversalKind);
    case 'balance':
      return applyTimeoutWith(db, row, balanceKind);
    case 'status':
      return applyTimeoutWith(db, row, statusKind);
  }
}
