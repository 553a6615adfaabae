import { createHash, randomBytes } from 'node:crypto';

/**
 * `hvn_` + 32 random bytes in base64url (43 characters). The prefix makes a leaked token recognisable (secret
 * scanners, logs); the randomness makes a plain SHA-256 a safe way to store it (nothing to brute-force).
 */
export const TOKEN_PREFIX = 'hvn_';
const TOKEN_PATTERN = /^hvn_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the token list shows: the prefix and six characters. */
const SHOWN_CHARACTERS = TOKEN_PREFIX.length + 6;

export function generateTokenSecret(): { secret: string; prefix: string; hash: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, SHOWN_CHARACTERS), hash: hashTokenSecret(secret) };
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Cheap shape check before the database is asked: anything else cannot be one of ours. */
export function looksLikeTokenSecret(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function readBearerToken(authorization: string | null): string | null {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}
