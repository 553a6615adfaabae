import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { revokeAllApiTokensOfUser } from '@/db/queries/api-tokens';
import { recordAudit } from '@/db/queries/audit';
import { bumpSessionVersion, getAgencyUser } from '@/db/queries/users';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * An admin signs a person of their agency out everywhere (a lost phone, a leaked password): their sessions end and
 * their API tokens are revoked, since whoever has the password may have made some. Audited.
 */
export const POST = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const userId = parseIdParam((await context.params).id);
  if (!userId) throw notFound('That person');
  const db = await getDb();
  const user = await db.transaction(async (tx) => {
    const target = await getAgencyUser(tx, { agencyId: caller.agencyId, userId });
    if (!target) throw notFound('That person');
    await bumpSessionVersion(tx, { userId: target.id });
    const revokedTokens = await revokeAllApiTokensOfUser(tx, { userId: target.id, revokedBy: caller.id });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'user.sessions_revoked', targetType: 'user', targetId: target.id, details: { revokedTokens } });
    return { ...target, revokedTokens };
  });
  return NextResponse.json({ userId: user.id, revoked: true, revokedTokens: user.revokedTokens });
});
