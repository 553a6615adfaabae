import 'server-only';
import type { Db } from '@/db/client';
import { insertStatusQuery, type StatusQueryRow } from '@/db/queries/mpesa-status-queries';
import type { StatusQueryTarget } from '@/db/schema';
import type { MpesaContext } from '../mpesa-context';
import { sendInitiatorRequest } from './send-initiator-request';
import { statusKind } from './status-kind';

/**
 * Asks Transaction Status about one of our requests (by our OriginatorConversationID) or about a receipt. The query
 * is recorded first, like every initiator request; its result is matched by the ids of its own acknowledgement.
 * The Occasion names the target too, but only as a fallback for a query whose acknowledgement we never stored.
 */
export async function requestStatusQuery(
  db: Db,
  {
    agencyId,
    targetKind,
    targetId,
    shortcode,
    transactionId,
    originalConversationId,
    mpesa,
  }: { agencyId: string; targetKind: StatusQueryTarget; targetId: string; shortcode: string; transactionId?: string; originalConversationId?: string; mpesa?: MpesaContext },
): Promise<StatusQueryRow | null> {
  const query = await insertStatusQuery(db, {
    agencyId,
    shortcode,
    targetKind,
    targetId,
    transactionId: transactionId ?? null,
    originalConversationId: originalConversationId ?? null,
    occasion: `${targetKind}:${targetId}`,
  });
  return sendInitiatorRequest(db, statusKind, { id: query.id, actor: null, mpesa });
}

/** The target an Occasion names, for results whose ids we never stored (see findForResult in status-kind). */
export function parseStatusOccasion(occasion: string | null | undefined): { targetKind: StatusQueryTarget; targetId: string } | null {
  const m = /^(payout|reversal|receipt):([0-9a-f-]{36})$/i.exec(occasion ?? '');
  if (!m?.[1] || !m[2]) return null;
  return { targetKind: m[1].toLowerCase() as StatusQueryTarget, targetId: m[2].toLowerCase() };
}
