import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { runUnplacedAction } from '@/lib/unmatched/run-unplaced-action';
import { unplacedActionSchema } from '@/lib/unmatched/unplaced-action-input';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Places, refunds, marks not-ours, keeps or undoes one queued payment, with the admin's reason. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That payment');
  const input = await parseJsonBody(request, unplacedActionSchema);
  const result = await runUnplacedAction(await getDb(), { caller, itemId: id, input });
  return NextResponse.json(result, { status: 201 });
});
