import 'server-only';
import type { Db } from '@/db/client';
import { getUserByEmail } from '@/db/queries/users';
import type { Caller } from './caller';
import { hashPassword, verifyPassword } from './password';
import { checkSignInThrottle, recordSignInFailure, recordSignInSuccess } from './sign-in-throttle';

export type AuthenticateResult =
  | { ok: true; caller: Caller; sessionVersion: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

// Verifying against a real hash when the email is unknown keeps the response time the same either way,
// so timing does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword('haven-no-such-user'));

/** Email + password check, throttled per account, per address and per (account, address) — see sign-in-throttle. */
export async function authenticateUser(
  db: Db,
  { email, password, address }: { email: string; password: string; address: string | null },
): Promise<AuthenticateResult> {
  const normalized = email.trim().toLowerCase();
  const throttle = await checkSignInThrottle(db, { email: normalized, address });
  if (!throttle.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await getUserByEmail(db, { email: normalized });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !valid) {
    await recordSignInFailure(db, { email: normalized, address });
    return { ok: false, reason: 'invalid' };
  }
  await recordSignInSuccess(db, { email: normalized, address });
  return {
    ok: true,
    caller: { id: user.id, agencyId: user.agencyId, role: user.role, name: user.name, email: user.email, phone: user.phone },
    sessionVersion: user.sessionVersion,
  };
}
