import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { createTokenSchema } from '@/lib/api-tokens/token-input';
import { createApiToken, listApiTokens } from '@/lib/api-tokens/manage-tokens';
import { requireApiCaller } from '@/lib/auth/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's own API tokens (never their secrets). A token cannot call this (lib/api-tokens/token-scopes.ts). */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  return NextResponse.json({ tokens: await listApiTokens(await getDb(), { caller }) });
});

/** `{ name, scopes, expiresInDays }` → 201 with the token and its `secret`, shown this once only. */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const input = await parseJsonBody(request, createTokenSchema);
  const { token, secret } = await createApiToken(await getDb(), { caller, input });
  return NextResponse.json({ token, secret }, { status: 201 });
});
