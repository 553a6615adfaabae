import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { claimOverduePayouts, listStaleQueuedPayouts } from '@/db/queries/mpesa-b2c';
import { getEnv } from '@/lib/env';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { callbackUrl } from '../callback-guard';
import { sendPayout } from './send-payout';

/**
 * The Transaction Status Occasion we send is echoed in the result's ReferenceItem (SPEC §8): it tells the status
 * processor which of our requests a result settles, even when the result (2032) carries no parameters.
 */
export const statusOccasion = {
  payout: (id: string) => `b2c:${id}`,
  reversal: (id: string) => `rev:${id}`,
  parse(occasion: string | undefined): { kind: 'payout' | 'reversal'; id: string } | null {
    const m = /^(b2c|rev):([0-9a-f-]{36})$/i.exec(occasion ?? '');
    if (!m?.[1] || !m[2]) return null;
    return { kind: m[1] === 'b2c' ? 'payout' : 'reversal', id: m[2] };
  },
};

export const statusCallbackUrls = () => ({
  resultUrl: callbackUrl('transaction-status/result'),
  queueTimeoutUrl: callbackUrl('transaction-status/timeout'),
});

/**
 * Invariant 3 for payouts: every payout sent without a result after MPESA_RESULT_QUERY_AFTER_SECONDS (dropped
 * result, queue timeout, ambiguous send) is asked about with Transaction Status, by our OriginatorConversationID.
 * It is never resent. Queries repeat at the same interval until a result settles the payout.
 */
export async function queryOverduePayouts(db: Db, { daraja, now = new Date() }: { daraja?: DarajaClient; now?: Date } = {}): Promise<number> {
  const { resultQueryAfterSeconds, b2cShortcode } = getEnv().mpesa;
  const cutoff = new Date(now.getTime() - resultQueryAfterSeconds * 1000);
  const claimed = await claimOverduePayouts(db, { sentBefore: cutoff, queriedBefore: cutoff });
  for (const payout of claimed) {
    try {
      const ack = await (daraja ?? getDarajaClient()).queryTransactionStatus({
        originalConversationId: payout.originatorConversationId,
        partyA: b2cShortcode,
        identifierType: '4',
        remarks: 'Haven payout status check',
        occasion: statusOccasion.payout(payout.id),
        ...statusCallbackUrls(),
      });
      await recordAudit(db, {
        actor: null,
        agencyId: payout.agencyId,
        action: 'payout.status_query',
        targetType: 'mpesa_b2c',
        targetId: payout.id,
        details: { status: payout.status, conversationId: ack.conversationId },
      });
    } catch (error) {
      await recordAudit(db, {
        actor: null,
        agencyId: payout.agencyId,
        action: 'payout.status_query_failed',
        targetType: 'mpesa_b2c',
        targetId: payout.id,
        details: { error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
  return claimed.length;
}

/** Sends payouts that were recorded and approved but never claimed (the process stopped in between). */
export async function sendStaleQueuedPayouts(db: Db, { daraja, now = new Date() }: { daraja?: DarajaClient; now?: Date } = {}): Promise<void> {
  const stale = await listStaleQueuedPayouts(db, { createdBefore: new Date(now.getTime() - 30_000) });
  for (const { id } of stale) await sendPayout(db, { payoutId: id, actor: null, daraja });
}
