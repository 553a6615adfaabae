import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { revokeAllApiTokensOfUser } from '@/db/queries/api-tokens';
import { recordAudit } from '@/db/queries/audit';
import { findUsersByPhone, findValidResetToken, insertResetToken, lockValidResetToken, useUpResetTokens } from '@/db/queries/password-resets';
import { clearHits, countRecentHits, recordHit } from '@/db/queries/rate-limit';
import { getUserByEmail, getUserById, setPasswordHash } from '@/db/queries/users';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueuePasswordReset } from '@/lib/messaging/notify-account';
import { normalizeKenyanPhone } from '@/lib/phone';
import { hashPassword } from './password';

/**
 * Password reset by a one-time link, sent by email or SMS (whichever the person typed). The link holds 32 random
 * bytes; only their SHA-256 is stored, it works once, for 30 minutes, and using it retires every other open link.
 * Requests are rate-limited per identifier and per address, and always answered the same way, so the form does
 * not tell who has an account.
 */

export const RESET_TTL_MS = 30 * 60_000;
const WINDOW_SECONDS = 3600;
const MAX_PER_IDENTIFIER = 3;
const MAX_PER_ADDRESS = 10;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const resetRequestSchema = z.object({ identifier: z.string().trim().min(1, 'Enter your email address or phone number').max(254) });
export const newPasswordSchema = z
  .object({ password: z.string().min(10, 'Use at least 10 characters').max(200, 'At most 200 characters'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords are not the same', path: ['confirm'] });

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'throttled' | 'invalid'; message: string };

export async function requestPasswordReset(db: Db, { identifier, address, now = new Date() }: { identifier: string; address: string | null; now?: Date }): Promise<ResetRequestResult> {
  const byEmail = identifier.includes('@');
  const phone = byEmail ? null : normalizeKenyanPhone(identifier);
  if (phone && !phone.ok) return { ok: false, reason: 'invalid', message: 'Enter your email address, or a Kenyan phone number like 0712 345 678' };
  const normalized = byEmail ? identifier.trim().toLowerCase() : phone!.ok ? phone!.msisdn : '';
  const keys = [`reset:id:${normalized}`, ...(address ? [`reset:addr:${address}`] : [])];
  const [perIdentifier, perAddress] = await Promise.all(keys.map((key) => countRecentHits(db, { key, windowSeconds: WINDOW_SECONDS })));
  if ((perIdentifier ?? 0) >= MAX_PER_IDENTIFIER || (perAddress ?? 0) >= MAX_PER_ADDRESS) {
    return { ok: false, reason: 'throttled', message: 'Too many reset requests. Wait an hour, then try again — or ask your agency for help.' };
  }
  for (const key of keys) await recordHit(db, { key });

  const found = byEmail ? [await getUserByEmail(db, { email: normalized })].filter((u) => u !== null) : await findUsersByPhone(db, { phone: normalized });
  for (const user of found) {
    const token = randomBytes(32).toString('base64url');
    await db.transaction(async (tx) => {
      const row = await insertResetToken(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_TTL_MS) });
      await enqueuePasswordReset(tx, { tokenId: row.id, userId: user.id, channel: byEmail ? 'email' : 'sms', resetUrl: `${getEnv().appUrl}/reset-password/${token}` });
      await recordAudit(tx, { actor: null, agencyId: user.agencyId, action: 'user.password-reset-requested', targetType: 'user', targetId: user.id, details: { channel: byEmail ? 'email' : 'sms', address } });
    });
  }
  return { ok: true };
}

export async function isResetTokenValid(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<boolean> {
  return (await findValidResetToken(db, { tokenHash: hashToken(token), now })) !== null;
}

/**
 * Sets the new password if the link is still good; it never works twice. A reset is an account recovery: whoever
 * knew the old password may also have made API tokens, so every token of the user is revoked with the sessions
 * (a normal password change, by someone who knows the current password, keeps them: see /account).
 */
export async function resetPassword(db: Db, { token, password, now = new Date() }: { token: string; password: string; now?: Date }): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const row = await lockValidResetToken(tx, { tokenHash: hashToken(token), now });
    if (!row) throw new AppError('invalid_request', 'This link has expired or was already used. Ask for a new one.');
    const user = await getUserById(tx, { userId: row.userId });
    if (!user) throw new AppError('invalid_request', 'This link has expired or was already used. Ask for a new one.');
    // The same write as a password change: every existing session of the user ends (its version moves on).
    await setPasswordHash(tx, { userId: user.id, passwordHash });
    const revokedTokens = await revokeAllApiTokensOfUser(tx, { userId: user.id, revokedBy: user.id, now });
    await useUpResetTokens(tx, { userId: user.id, now });
    // A locked-out person who just proved they own the address may sign in at once.
    await clearHits(tx, { key: `sign-in:email:${user.email}` });
    await recordAudit(tx, { actor: null, agencyId: user.agencyId, action: 'user.password-reset', targetType: 'user', targetId: user.id, details: { revokedTokens } });
  });
}
