import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getLeaseForCaller, listLeasesPage, type LeaseView } from '@/db/queries/leases';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/strict';
import type { LeaseResource } from '../openapi/resource-schemas';
import { handleApi } from '../respond';
import { leaseListQuerySchema, queryObject } from './list-query';

/**
 * Leases as a resource: `GET /api/v1/leases` (keyset pages by property and unit, `?q=` and `?status=`) and
 * `GET /api/v1/leases/{id}`. The queries scope them (tenant: own; landlord: own properties; admin: agency).
 */

type IdContext = { params: Promise<{ id: string }> };

function toLeaseResource(lease: LeaseView): LeaseResource {
  return {
    id: lease.id,
    status: lease.status,
    accountReference: lease.accountReference,
    paybillShortcode: lease.paybillShortcode,
    monthlyRentCents: lease.monthlyRentCents,
    depositCents: lease.depositCents,
    dueDay: lease.dueDay,
    startDate: String(lease.startDate),
    endDate: lease.endDate === null ? null : String(lease.endDate),
    unitId: lease.unitId,
    unitLabel: lease.unitLabel,
    propertyId: lease.propertyId,
    propertyName: lease.propertyName,
    tenantId: lease.tenantId,
    tenantName: lease.tenantName,
    landlordName: lease.landlordName,
    createdAt: lease.createdAt.toISOString(),
  };
}

export const listLeases = handleApi(async (request: Request) => {
  const caller = await requireApiCaller();
  const { q, status, cursor, limit } = leaseListQuerySchema.parse(queryObject(request.url));
  const page = await listLeasesPage(await getDb(), { caller, search: q, status, after: cursor, limit });
  return NextResponse.json({ leases: page.items.map(toLeaseResource), next: page.next });
});

export const getLease = handleApi(async (_request: Request, context: IdContext) => {
  const caller = await requireApiCaller();
  const id = parseIdParam((await context.params).id);
  const lease = id ? await getLeaseForCaller(await getDb(), { caller, leaseId: id }) : null;
  if (!lease) throw notFound('That lease');
  return NextResponse.json({ lease: toLeaseResource(lease) });
});
