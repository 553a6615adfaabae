import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { acceptInviteSchema } from '@/lib/tenants/tenant-input';
import { acceptInvite } from '@/lib/tenants/tenant-invites';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Public: the invited person sets their password through their one-time link, then signs in. */
export const POST = handleApi(async (request: Request) => {
  const input = await parseJsonBody(request, acceptInviteSchema);
  const { email } = await acceptInvite(await getDb(), { token: input.token, password: input.password });
  return NextResponse.json({ ok: true, redirect: `/sign-in?email=${encodeURIComponent(email)}&welcome=1` });
});
