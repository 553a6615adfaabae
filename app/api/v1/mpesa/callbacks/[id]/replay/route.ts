import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { replayDeadLetterCallback } from '@/lib/payments/log/replay-dead-letter';
import { replayCallbackSchema } from '@/lib/payments/log/replay-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** An admin replays a dead-lettered callback through the normal inbox path (audited). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { id } = await context.params;
  await parseJsonBody(request, replayCallbackSchema);
  const result = await replayDeadLetterCallback(await getDb(), { caller, inboxId: id });
  return NextResponse.json(result);
});
