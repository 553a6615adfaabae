import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { RecipientUser } from '@/db/queries/message-recipients';
import { insertMessages, type MessageRow } from '@/db/queries/messages';
import type { MessageChannel } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { MessageKind } from './message-kinds';

/** The channel on which a committed message wakes the outbox worker at once (NOTIFY is delivered on commit). */
export const OUTBOX_CHANNEL = 'haven_outbox';

/** Which channels reach this person: the ones they chose, among those they have an address for. */
export function channelsFor(user: Pick<RecipientUser, 'phone' | 'email' | 'wantsSms' | 'wantsEmail'>, only?: MessageChannel[]): { channel: MessageChannel; address: string }[] {
  const out: { channel: MessageChannel; address: string }[] = [];
  const allowed = (c: MessageChannel) => !only || only.includes(c);
  if (allowed('sms') && user.phone && (user.wantsSms ?? true)) out.push({ channel: 'sms', address: user.phone });
  if (allowed('email') && user.email && (user.wantsEmail ?? true)) out.push({ channel: 'email', address: user.email });
  return out;
}

export interface QueueInput {
  agencyId: string;
  kind: MessageKind;
  eventKey: string;
  leaseId?: string | null;
  recipients: { user: Pick<RecipientUser, 'id' | 'phone' | 'email' | 'wantsSms' | 'wantsEmail'>; channels?: MessageChannel[]; ignorePreferences?: boolean }[];
  payload?: Record<string, unknown>;
  /** Not before (reminders found at night wait for the morning). */
  notBefore?: Date;
}

/**
 * Writes the messages an event causes, in the caller's transaction: they exist if and only if the event committed.
 * At most one per (event, recipient, channel): queueing the same event again adds nothing.
 */
export async function queueMessages(tx: DbOrTx, input: QueueInput): Promise<MessageRow[]> {
  const maxAttempts = getEnv().messaging.maxAttempts;
  const rows = input.recipients.flatMap(({ user, channels, ignorePreferences }) => {
    const reach = ignorePreferences ? { ...user, wantsSms: true, wantsEmail: true } : user;
    return channelsFor(reach, channels).map(({ channel, address }) => ({
      agencyId: input.agencyId,
      kind: input.kind,
      eventKey: input.eventKey,
      recipientId: user.id,
      recipientKey: user.id,
      leaseId: input.leaseId ?? null,
      channel,
      address,
      payload: input.payload ?? {},
      maxAttempts,
      ...(input.notBefore ? { nextAttemptAt: input.notBefore } : {}),
    }));
  });
  const inserted = await insertMessages(tx, rows);
  if (inserted.length > 0) await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return inserted;
}
