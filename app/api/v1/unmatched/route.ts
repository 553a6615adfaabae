import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { listUnmatchedQueue } from '@/lib/unmatched/list-unmatched-queue';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The agency's unmatched queue: payments Haven could not place, with evidence and ranked candidates. */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const queue = await listUnmatchedQueue(await getDb(), { caller });
  return NextResponse.json(queue);
});
