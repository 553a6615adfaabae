import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getBalanceCheck, listBalanceChecks } from '@/db/queries/mpesa-balance';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { toBalanceCheckView } from '@/lib/payments/balance/get-balance-overview';
import { requestBalanceCheck } from '@/lib/payments/balance/request-balance-check';
import { parseIdParam } from '@/lib/validation/strict';
import { handleApi, respondIdempotently } from '../respond';

/**
 * Account Balance checks as a resource (admins; the caller's agency only). `POST /api/v1/mpesa/balance` exports
 * the same create handler; the answer arrives by callback, so a client polls `GET /balance-checks/{id}`.
 */

type IdContext = { params: Promise<{ id: string }> };

/** Starts an Account Balance query, or joins the one already on its way (202 either way: the result comes later). */
export const createBalanceCheck = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin']);
  return respondIdempotently(request, { caller }, async () => {
    const check = await requestBalanceCheck(await getDb(), { caller });
    return NextResponse.json({ check: toBalanceCheckView(check) }, { status: 202 });
  });
});

/** The newest 30 checks, newest first. */
export const listBalanceCheckViews = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const rows = await listBalanceChecks(await getDb(), { agencyId: caller.agencyId, limit: 30 });
  return NextResponse.json({ checks: rows.map(toBalanceCheckView) });
});

export const getBalanceCheckView = handleApi(async (_request: Request, context: IdContext) => {
  const caller = await requireApiCaller(['admin']);
  const id = parseIdParam((await context.params).id);
  const row = id ? await getBalanceCheck(await getDb(), { agencyId: caller.agencyId, checkId: id }) : null;
  if (!row) throw notFound('That balance check');
  return NextResponse.json({ check: toBalanceCheckView(row) });
});
