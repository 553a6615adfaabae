import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getTenantForCaller, insertInvite, lockInviteByHash, markInviteUsed, revokeOpenInvites, updateUser } from '@/db/queries/tenants';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { getEnv } from '@/lib/env';
import { enqueueInvite } from '@/lib/messaging/notify-account';
import { AppError, notFound } from '@/lib/errors';

/**
 * One-time invite links. The token is 32 random bytes in the link and only its SHA-256 is stored, so a database
 * reader cannot use a pending invite. A link works once, for 7 days, and a new invite cancels the previous one.
 * Until Haven sends email/SMS, the admin copies the link; a sender will call createTenantInvite and deliver `url`.
 */

export const INVITE_TTL_DAYS = 7;

export const hashInviteToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createTenantInvite(
  db: Db,
  { caller, tenantId, now = new Date() }: { caller: Caller; tenantId: string; now?: Date },
): Promise<{ url: string; expiresAt: Date; inviteId: string }> {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  const tenant = await getTenantForCaller(db, { caller, tenantId });
  if (!tenant) throw notFound('That tenant');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  const url = `${getEnv().appUrl}/invite/${token}`;
  const invite = await db.transaction(async (tx) => {
    await revokeOpenInvites(tx, { userId: tenant.id, at: now });
    const row = await insertInvite(tx, { agencyId: caller.agencyId, userId: tenant.id, tokenHash: hashInviteToken(token), expiresAt, createdBy: caller.id });
    // Sent to the tenant by SMS and email through the outbox (the link is sealed while it waits there).
    await enqueueInvite(tx, { inviteId: row.id, userId: tenant.id, acceptUrl: url, expiresAt });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'tenant.invited', targetType: 'user', targetId: tenant.id, details: { inviteId: row.id, expiresAt: expiresAt.toISOString() } });
    return row;
  });
  return { url, expiresAt, inviteId: invite.id };
}

export type InviteState = 'valid' | 'used' | 'expired' | 'revoked' | 'unknown';

export function inviteState(invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null, now = new Date()): InviteState {
  if (!invite) return 'unknown';
  if (invite.usedAt) return 'used';
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  return 'valid';
}

export const inviteStateMessage: Record<Exclude<InviteState, 'valid'>, string> = {
  used: 'This invite link has already been used. Sign in with your email and password.',
  expired: 'This invite link has expired. Ask your agency for a new one.',
  revoked: 'This invite link was replaced by a newer one. Use the latest link your agency sent.',
  unknown: 'This invite link is not valid. Check that you copied all of it, or ask your agency for a new one.',
};

/** Sets the invited person's password through the link, once. Returns their email for the sign-in page. */
export async function acceptInvite(db: Db, { token, password, now = new Date() }: { token: string; password: string; now?: Date }): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const found = await lockInviteByHash(tx, { tokenHash: hashInviteToken(token) });
    const state = inviteState(found?.invite ?? null, now);
    if (state !== 'valid' || !found) throw new AppError('conflict', inviteStateMessage[state as Exclude<InviteState, 'valid'>]);
    await updateUser(tx, { userId: found.invite.userId, set: { passwordHash } });
    await markInviteUsed(tx, { inviteId: found.invite.id, at: now });
    await recordAudit(tx, { actor: null, agencyId: found.invite.agencyId, action: 'tenant.invite_accepted', targetType: 'user', targetId: found.invite.userId, details: { inviteId: found.invite.id } });
    return { email: found.userEmail };
  });
}
