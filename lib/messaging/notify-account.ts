import 'server-only';
import type { Tx } from '@/db/client';
import { getRecipientUser } from '@/db/queries/message-recipients';
import type { MessageChannel } from '@/db/schema';
import { OUTBOX_LINK_CONTEXT, sealAppSecret } from '@/lib/crypto/app-secrets';
import { queueMessages } from './outbox';

/**
 * Messages that carry a one-time link. The link is stored sealed (HAVEN_ENCRYPTION_KEY) and dropped from the row
 * once sent; what admins see has `[one-time link]` in its place.
 */

/**
 * An invitation to set a password (`acceptUrl` = the one-time link the invite's creator made). Sent by SMS and
 * email, whichever the person has: they have not chosen yet. One message per channel per `inviteId`.
 */
export async function enqueueInvite(
  tx: Tx,
  { inviteId, userId, acceptUrl, expiresAt }: { inviteId: string; userId: string; acceptUrl: string; expiresAt: Date },
): Promise<void> {
  const user = await getRecipientUser(tx, { userId });
  if (!user) return;
  await queueMessages(tx, {
    agencyId: user.agencyId, kind: 'lease-invite', eventKey: `invite:${inviteId}`,
    recipients: [{ user, ignorePreferences: true }], payload: { sealedLink: sealAppSecret(acceptUrl, OUTBOX_LINK_CONTEXT), expiresAt: expiresAt.toISOString() },
  });
}

/** A password reset link, by the channel the person asked on (email, or SMS when they gave their phone). */
export async function enqueuePasswordReset(
  tx: Tx,
  { tokenId, userId, channel, resetUrl }: { tokenId: string; userId: string; channel: MessageChannel; resetUrl: string },
): Promise<void> {
  const user = await getRecipientUser(tx, { userId });
  if (!user) return;
  await queueMessages(tx, {
    agencyId: user.agencyId, kind: 'password-reset', eventKey: `password-reset:${tokenId}`,
    recipients: [{ user, channels: [channel], ignorePreferences: true }], payload: { sealedLink: sealAppSecret(resetUrl, OUTBOX_LINK_CONTEXT) },
  });
}
