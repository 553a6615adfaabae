import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { revokeApiToken } from '@/lib/api-tokens/manage-tokens';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens: its next call is 401. */
export const POST = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That token');
  return NextResponse.json({ token: await revokeApiToken(await getDb(), { caller, tokenId: id }) });
});
