import { encode } from 'next-auth/jwt';

export const E2E_AUTH_SECRET = 'e2e-auth-secret-only-for-tests';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A session cookie made outside the app, as an attacker who knows (or guessed) a secret would make one. With the
 * app's own secret it stands for a genuine token with chosen claims (an old session version, a stale last-seen).
 */
export async function forgeSessionCookie({
  secret,
  sub,
  sv = 0,
  authAt = nowSeconds(),
  seenAt = nowSeconds(),
}: {
  secret: string;
  sub: string;
  sv?: number;
  authAt?: number;
  seenAt?: number;
}): Promise<string> {
  const token = await encode({ token: { sub, sv, authAt, seenAt }, secret, salt: 'authjs.session-token', maxAge: 12 * 3600 });
  return `authjs.session-token=${token}`;
}
