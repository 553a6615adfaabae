import 'server-only';
import { findApiTokenByHash, touchApiToken } from '@/db/queries/api-tokens';
import { recordAudit } from '@/db/queries/audit';
import type { Db } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { requiredScopeFor } from './token-scopes';
import { hashTokenSecret, looksLikeTokenSecret } from './token-secret';

/** How often a token's "last used" is written at most (reads are frequent; the list shows minutes at best). */
const TOUCH_EVERY_SECONDS = 60;

const invalid = () => new AppError('unauthenticated', 'This API token is not valid: it is unknown, expired or revoked');

/**
 * The caller a bearer token stands for on this request: its owner as the database knows them now, limited to the
 * token's scopes. Unknown, expired or revoked → 401; the request needs a scope the token lacks → 403.
 *
 * Every use is recorded: reads set `last_used_at` (at most once a minute); every other call (collecting, money
 * out, changes) also writes an `api_token.used` audit row before the service runs, and the service's own audit
 * rows carry the token's id (db/queries/audit.ts).
 */
export async function authenticateApiToken(
  db: Db,
  { secret, method, pathname, now = new Date() }: { secret: string; method: string; pathname: string; now?: Date },
): Promise<Caller> {
  if (!looksLikeTokenSecret(secret)) throw invalid();
  const found = await findApiTokenByHash(db, { tokenHash: hashTokenSecret(secret) });
  if (!found || found.token.revokedAt || found.token.expiresAt <= now) throw invalid();
  const { token, user } = found;

  const needed = requiredScopeFor({ method, pathname });
  if (needed === null) throw new AppError('forbidden', 'This request cannot be made with an API token; sign in to Haven instead');
  if (!token.scopes.includes(needed)) {
    throw new AppError('forbidden', `This API token lacks the ${needed} scope`, { details: { requiredScope: needed, tokenScopes: token.scopes } });
  }

  const caller: Caller = { id: user.id, agencyId: user.agencyId, role: user.role, name: user.name, email: user.email, phone: user.phone, apiTokenId: token.id };
  await touchApiToken(db, { tokenId: token.id, everySeconds: TOUCH_EVERY_SECONDS });
  if (needed !== 'read') {
    await recordAudit(db, { actor: caller, agencyId: user.agencyId, action: 'api_token.used', targetType: 'api_token', targetId: token.id, details: { method: method.toUpperCase(), path: pathname, scope: needed } });
  }
  return caller;
}
