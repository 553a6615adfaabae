import 'server-only';
import type { Db } from '@/db/client';
import { clearHits, countRecentHits, recordHit } from '@/db/queries/rate-limit';
import { getUserByEmail } from '@/db/queries/users';
import type { Caller } from './caller';
import { hashPassword, verifyPassword } from './password';

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export type AuthenticateResult = { ok: true; caller: Caller } | { ok: false; reason: 'invalid' | 'throttled' };

// Verifying against a real hash when the email is unknown keeps the response time the same either way,
// so timing does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword('haven-no-such-user'));

/** Email + password check with throttling of repeated failures, per email and per source address. */
export async function authenticateUser(
  db: Db,
  { email, password, address }: { email: string; password: string; address: string | null },
): Promise<AuthenticateResult> {
  const normalized = email.trim().toLowerCase();
  const emailKey = `sign-in:email:${normalized}`;
  const addressKey = address ? `sign-in:addr:${address}` : null;
  const [byEmail, byAddress] = await Promise.all([
    countRecentHits(db, { key: emailKey, windowSeconds: SIGN_IN_WINDOW_SECONDS }),
    addressKey ? countRecentHits(db, { key: addressKey, windowSeconds: SIGN_IN_WINDOW_SECONDS }) : 0,
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byAddress >= MAX_FAILURES_PER_ADDRESS) return { ok: false, reason: 'throttled' };

  const user = await getUserByEmail(db, { email: normalized });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !valid) {
    await recordHit(db, { key: emailKey });
    if (addressKey) await recordHit(db, { key: addressKey });
    return { ok: false, reason: 'invalid' };
  }
  await clearHits(db, { key: emailKey });
  return {
    ok: true,
    caller: { id: user.id, agencyId: user.agencyId, role: user.role, name: user.name, email: user.email, phone: user.phone },
  };
}
