import 'server-only';
import { getApiTokenOfUser, insertApiToken, listApiTokensOfUser, markApiTokenRevoked } from '@/db/queries/api-tokens';
import { recordAudit } from '@/db/queries/audit';
import type { Db } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import type { CreateTokenInput } from './token-input';
import { scopesForRole } from './token-scopes';
import { generateTokenSecret } from './token-secret';
import { toApiTokenView, type ApiTokenView } from './token-view';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Admins and landlords script Haven; tenants have nothing to script (the page and routes are not theirs). */
function assertMayHaveTokens(caller: Caller): void {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  // A token cannot manage tokens (token-scopes.ts refuses it first); this holds even if that rule were lost.
  if (caller.apiTokenId) throw new AppError('forbidden', 'API tokens are managed from a signed-in session, not with a token');
}

/** Makes a token and returns its secret, which is never shown again (only its hash is kept). Audited. */
export async function createApiToken(db: Db, { caller, input, now = new Date() }: { caller: Caller; input: CreateTokenInput; now?: Date }): Promise<{ token: ApiTokenView; secret: string }> {
  assertMayHaveTokens(caller);
  const allowed = scopesForRole(caller.role);
  const refused = input.scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    const message = `A ${caller.role} cannot give a token the ${refused.join(', ')} scope`;
    throw new AppError('invalid_request', message, { details: { fields: [{ path: 'scopes', message }] } });
  }
  const { secret, prefix, hash } = generateTokenSecret();
  const row = await db.transaction(async (tx) => {
    const inserted = await insertApiToken(tx, {
      agencyId: caller.agencyId,
      userId: caller.id,
      name: input.name,
      prefix,
      tokenHash: hash,
      scopes: input.scopes,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
    });
    await recordAudit(tx, {
      actor: caller,
      agencyId: caller.agencyId,
      action: 'api_token.created',
      targetType: 'api_token',
      targetId: inserted.id,
      details: { name: input.name, scopes: input.scopes, expiresAt: inserted.expiresAt.toISOString(), prefix },
    });
    return inserted;
  });
  return { token: toApiTokenView(row, now), secret };
}

export async function listApiTokens(db: Db, { caller }: { caller: Caller }): Promise<ApiTokenView[]> {
  assertMayHaveTokens(caller);
  const now = new Date();
  return (await listApiTokensOfUser(db, { userId: caller.id })).map((row) => toApiTokenView(row, now));
}

/** Revokes one of the caller's own tokens at once (its next call is 401). Revoking twice is not an error. */
export async function revokeApiToken(db: Db, { caller, tokenId }: { caller: Caller; tokenId: string }): Promise<ApiTokenView> {
  assertMayHaveTokens(caller);
  return db.transaction(async (tx) => {
    const revoked = await markApiTokenRevoked(tx, { tokenId, userId: caller.id });
    if (revoked) {
      await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'api_token.revoked', targetType: 'api_token', targetId: revoked.id, details: { name: revoked.name } });
      return toApiTokenView(revoked);
    }
    const existing = await getApiTokenOfUser(tx, { tokenId, userId: caller.id });
    if (!existing) throw notFound('That token');
    return toApiTokenView(existing);
  });
}
