import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { Caller } from '@/lib/auth/caller';
import { isDarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { processWaitingCallbacks } from '../process-inbox';
import type { InitiatorKind, InitiatorRow, ResultIds } from './initiator-kind';

// Daraja says our OriginatorConversationID was used before: an earlier send reached M-Pesa (SPEC §5.1).
const DUPLICATE_ORIGINATOR = '500.002.1001';

/** True only when Daraja answered and refused: nothing happened on M-Pesa, so the request can end as failed. */
export function isDefinitelyNotSent(error: unknown): boolean {
  return isDarajaError(error) && !isUnknownOutcome(error) && error.errorCode !== DUPLICATE_ORIGINATOR;
}

/**
 * Sends a QUEUED request of any initiator kind. The claim moves it to UNKNOWN first: a crash or an ambiguous
 * answer after that leaves it UNKNOWN, to be settled by Transaction Status (or expired, for a balance check),
 * never resent. A refusal ends it FAILED; an acknowledgement stores Daraja's ids and makes it PENDING.
 */
export async function sendInitiatorRequest<Row extends InitiatorRow, Result extends ResultIds>(
  db: Db,
  kind: InitiatorKind<Row, Result>,
  { id, actor, mpesa }: { id: string; actor: Caller | null; mpesa?: MpesaContext },
): Promise<Row | null> {
  const claimed = await kind.claimForSend(db, id);
  if (!claimed) return kind.get(db, id);
  const agencyId = claimed.agencyId;
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, { actor, agencyId, action: `${kind.audit.prefix}.${action}`, targetType: kind.audit.targetType, targetId: id, details });

  let ack;
  try {
    if (!agencyId) throw new Error(`${kind.name} ${id} has no agency`);
    const ctx = mpesa ?? (await getMpesaContext(db, { agencyId }));
    ack = await kind.send(ctx, claimed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isDefinitelyNotSent(error)) {
      await audit('send_unknown', { error: message });
      return kind.get(db, id);
    }
    const code = isDarajaError(error) ? error.errorCode : null;
    await kind.recordRefusal(db, id, { code, description: message });
    await audit('send_failed', { errorCode: code, message });
    return kind.get(db, id);
  }

  await db.transaction(async (tx) => {
    await kind.recordAck(tx, id, ack);
    await recordAudit(tx, {
      actor,
      agencyId,
      action: `${kind.audit.prefix}.sent`,
      targetType: kind.audit.targetType,
      targetId: id,
      details: { conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId },
    });
  });
  // Daraja may have answered before it acknowledged: apply a result that is waiting for these ids.
  await processWaitingCallbacks(db, { correlationId: ack.conversationId });
  return kind.get(db, id);
}
