import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getPaymentForCaller } from '@/db/queries/payments';
import { searchPaymentsForCaller, type PaymentSearchRow } from '@/db/queries/payment-search';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { decodeCursor, encodeCursor } from '@/lib/pagination/cursor';
import { parseIdParam } from '@/lib/validation/strict';
import type { PaymentResource } from '../openapi/resource-schemas';
import { handleApi } from '../respond';
import { paymentListQuerySchema, queryObject } from './list-query';

/**
 * Payments as a resource: `GET /api/v1/payments` (the console search's filters, keyset pages, newest first) and
 * `GET /api/v1/payments/{id}`. Tenants see their own, landlords their properties', admins their agency's — the
 * queries decide it (leaseScope), never this file.
 */

type IdContext = { params: Promise<{ id: string }> };

function fromSearchRow(row: PaymentSearchRow): PaymentResource {
  return {
    id: row.id,
    leaseId: row.leaseId,
    amountCents: row.amountCents,
    method: row.method,
    status: row.status,
    mpesaReceiptNumber: row.receipt,
    payerPhone: row.payerPhone,
    reference: row.reference,
    paidAt: row.paidAt.toISOString(),
    accountReference: row.accountReference,
    tenantName: row.tenantName,
    propertyName: row.propertyName,
    unitLabel: row.unitLabel,
  };
}

export const listPayments = handleApi(async (request: Request) => {
  const caller = await requireApiCaller();
  const { cursor, limit, ...filters } = paymentListQuerySchema.parse(queryObject(request.url));
  const after = decodeCursor(cursor);
  const page = await searchPaymentsForCaller(await getDb(), {
    caller,
    filters,
    after: after ? { paidAt: after[0], id: after[1] } : null,
    limit,
    tenantsSeeOwn: true,
  });
  return NextResponse.json({ payments: page.items.map(fromSearchRow), next: page.next ? encodeCursor(page.next.paidAt, page.next.id) : null });
});

export const getPayment = handleApi(async (_request: Request, context: IdContext) => {
  const caller = await requireApiCaller();
  const id = parseIdParam((await context.params).id);
  const row = id ? await getPaymentForCaller(await getDb(), { caller, paymentId: id }) : null;
  if (!row) throw notFound('That payment');
  const payment: PaymentResource = {
    id: row.id,
    leaseId: row.leaseId,
    amountCents: row.amountCents,
    method: row.method,
    status: row.status,
    mpesaReceiptNumber: row.mpesaReceiptNumber,
    payerPhone: row.payerPhone,
    reference: row.reference,
    paidAt: row.paidAt.toISOString(),
    accountReference: row.accountReference,
    tenantName: row.tenantName,
    propertyName: row.propertyName,
    unitLabel: row.unitLabel,
  };
  return NextResponse.json({ payment });
});
