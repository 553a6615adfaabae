import type { DbOrTx } from '@/db/client';
import { getLeaseForCaller } from '@/db/queries/leases';
import { getPropertyForCaller } from '@/db/queries/properties';
import { listPropertyLeases, loadLeaseEntries } from '@/db/queries/statements';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { addDays, nairobiDate } from '@/lib/ledger/rent-period';
import { buildLandlordStatement } from './landlord-statement';
import { buildTenantStatement } from './tenant-statement';

/** Statements as their readers may see them: a tenant their own leases, a landlord their properties, admins all. */

export function statementRange(query: { from?: string | null; to?: string | null }, { defaultFrom, now = new Date() }: { defaultFrom: string; now?: Date }) {
  const valid = (d: string | null | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) ? d : null);
  const to = valid(query.to) ?? nairobiDate(now);
  const from = valid(query.from) ?? defaultFrom;
  if (from > to) throw new AppError('invalid_request', 'The start of the range must be before its end', { details: { fields: [{ path: 'from', message: 'Choose a start on or before the end' }] } });
  return { from, to };
}

export async function getTenantStatement(db: DbOrTx, { caller, leaseId, from, to }: { caller: Caller; leaseId: string; from?: string | null; to?: string | null }) {
  const lease = await getLeaseForCaller(db, { caller, leaseId });
  if (!lease) throw notFound('That lease');
  const range = statementRange({ from, to }, { defaultFrom: lease.startDate });
  const entries = await loadLeaseEntries(db, { leaseId });
  return { lease, statement: buildTenantStatement(entries, range) };
}

export async function getLandlordStatement(db: DbOrTx, { caller, propertyId, from, to }: { caller: Caller; propertyId: string; from?: string | null; to?: string | null }) {
  if (caller.role === 'tenant') throw notFound('That property');
  const property = await getPropertyForCaller(db, { caller, propertyId });
  if (!property) throw notFound('That property');
  const now = new Date();
  const range = statementRange({ from, to }, { defaultFrom: `${nairobiDate(now).slice(0, 7)}-01`, now });
  const leases = await listPropertyLeases(db, { propertyId });
  // Leases that were in force at some point of the range.
  const relevant = leases.filter((l) => l.startDate <= range.to && (!l.endDate || addDays(l.endDate, 120) >= range.from));
  const ledgers = await Promise.all(relevant.map(async (l) => ({ ...l, ...(await loadLeaseEntries(db, { leaseId: l.leaseId })) })));
  return { property, statement: buildLandlordStatement(ledgers, { ...range, commissionBps: property.commissionBps }) };
}
