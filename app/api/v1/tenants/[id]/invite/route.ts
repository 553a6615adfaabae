import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { inviteLinkSchema } from '@/lib/tenants/invite-link-schema';
import { createTenantInvite } from '@/lib/tenants/tenant-invites';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Creates a one-time invite link (shown to copy until Haven sends email/SMS); older links stop working. */
export const POST = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const db = await getDb();
  const invite = await createTenantInvite(db, { caller, tenantId: id });
  return NextResponse.json(inviteLinkSchema.parse({ url: invite.url, expiresAt: invite.expiresAt.toISOString() }), { status: 201 });
});
