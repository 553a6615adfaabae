import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getPayoutForCaller } from '@/db/queries/mpesa-b2c';
import { getReversalForCaller } from '@/db/queries/mpesa-reversals';
import type { Caller } from '@/lib/auth/caller';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { approveRequest, rejectRequest, type Decided, type RequestKind } from '@/lib/payments/approvals/decide-request';
import { rejectRequestSchema } from '@/lib/payments/approvals/decision-input';
import { withdrawRequest } from '@/lib/payments/approvals/withdraw-request';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';
import { parseIdParam } from '@/lib/validation/strict';
import { handleApi, parseJsonBody, respondIdempotently } from '../respond';

/**
 * Approve, reject and withdraw as sub-resources of one kind: `/payouts/{id}/approve` decides payouts only and
 * `/reversals/{id}/approve` reversals only (the other kind's id is 404 there). Each answers with the resource as
 * `GET /payouts/{id}` (or `/reversals/{id}`) shows it after the decision.
 */

type IdContext = { params: Promise<{ id: string }> };

// An empty JSON object: the body carries nothing, but the API takes JSON only (CSRF protection).
const emptyBodySchema = z.object({}).strict();

async function respondWith(caller: Caller, decided: Decided): Promise<Response> {
  const db = await getDb();
  if (decided.kind === 'payout') {
    const item = await getPayoutForCaller(db, { caller, payoutId: decided.payout.id });
    if (!item) throw notFound('That payout');
    return NextResponse.json({ payout: toPayoutView(item, caller) });
  }
  const item = await getReversalForCaller(db, { caller, reversalId: decided.reversal.id });
  if (!item) throw notFound('That reversal');
  return NextResponse.json({ reversal: toReversalView(item, caller) });
}

const label = (kind: RequestKind) => (kind === 'payout' ? 'That payout' : 'That reversal');

export function approveHandler(kind: RequestKind) {
  return handleApi(async (request: Request, context: IdContext) => {
    const caller = await requireApiCaller(['admin']);
    const id = parseIdParam((await context.params).id);
    if (!id) throw notFound(label(kind));
    // No body is read, as on the older /mpesa/payouts/{id}/approve: `{}` or nothing.
    return respondIdempotently(request, { caller }, async () => respondWith(caller, await approveRequest(await getDb(), { caller, requestId: id, kind })));
  });
}

export function rejectHandler(kind: RequestKind) {
  return handleApi(async (request: Request, context: IdContext) => {
    const caller = await requireApiCaller(['admin']);
    const id = parseIdParam((await context.params).id);
    if (!id) throw notFound(label(kind));
    const { reason } = await parseJsonBody(request, rejectRequestSchema);
    return respondWith(caller, await rejectRequest(await getDb(), { caller, requestId: id, kind, reason }));
  });
}

export function withdrawHandler(kind: RequestKind) {
  return handleApi(async (request: Request, context: IdContext) => {
    const caller = await requireApiCaller(['admin', 'landlord']);
    const id = parseIdParam((await context.params).id);
    if (!id) throw notFound(label(kind));
    await parseJsonBody(request, emptyBodySchema);
    return respondWith(caller, await withdrawRequest(await getDb(), { caller, requestId: id, kind }));
  });
}
