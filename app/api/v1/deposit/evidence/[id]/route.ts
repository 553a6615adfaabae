import { getDb } from '@/db/client';
import { getEvidence } from '@/db/queries/deposits';
import { getLeaseForCaller } from '@/db/queries/leases';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { readEvidence } from '@/lib/deposits/evidence-store';
import { notFound } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** An evidence file, only to those who may see its lease (the tenant, the landlord, the agency's admins). */
export const GET = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const { id } = await context.params;
  const db = await getDb();
  const evidence = await getEvidence(db, { evidenceId: id });
  if (!evidence || !(await getLeaseForCaller(db, { caller, leaseId: evidence.leaseId }))) throw notFound('That file');
  const bytes = await readEvidence(evidence.storageKey);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': evidence.contentType,
      'content-length': String(bytes.length),
      // Shown inline but never as a page of ours: no sniffing, no scripts, private to the signed-in person.
      'content-disposition': `inline; filename="${evidence.fileName.replace(/"/g, '')}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, no-store',
    },
  });
});
