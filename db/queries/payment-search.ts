import { and, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { PaymentFilters } from '@/lib/console/payment-filters';
import { interpretSearchTerm } from '@/lib/console/search-term';
import { nairobiDayBounds } from '@/lib/nairobi-day';
import type { DbOrTx } from '../client';
import { leases, payments, properties, units } from '../schema';
import { listLeasesMatchingText } from './lease-text-match';
import { joinPaymentContext, leaseTenant } from './payment-context-join';
import { newestFirstForCaller, paidBefore } from './recent-agency-payments';
import { leaseScope } from './scope';

/**
 * The console's payment search and export. Authorisation lives here, not in the pages: every query is limited by
 * leaseScope (an admin's agency, a landlord's own properties) and tenants get nothing. Each reading of the search
 * term is an indexed condition on payments (receipt: unique index; phone and amount: (agency, …) indexes; names
 * and references: the few matching leases, then payments by lease), OR-ed so Postgres can combine them.
 */

const MAX_TEXT_LEASES = 500;

export type PaymentSearchRow = Awaited<ReturnType<typeof selectRows>>[number];
export type PaymentCursor = { paidAt: string; id: string };

function baseQuery(db: DbOrTx) {
  return joinPaymentContext(db.select({
    id: payments.id, paidAt: payments.paidAt, amountCents: payments.amountCents, method: payments.method, status: payments.status,
    receipt: payments.mpesaReceiptNumber, payerPhone: payments.payerPhone, reference: payments.reference, leaseId: leases.id,
    accountReference: leases.accountReference, unitLabel: units.label, propertyId: properties.id, propertyName: properties.name, tenantName: leaseTenant.name,
  }).from(payments).$dynamic());
}

/** The conditions the filters make, or null when the search term can match nothing (no page needs querying). */
async function whereFor(db: DbOrTx, { caller, filters }: { caller: Caller; filters: PaymentFilters }): Promise<SQL | null> {
  // The payment's own agency first: newest-first pages walk (agency_id, paid_at, id) instead of every payment.
  const conditions: (SQL | undefined)[] = [eq(payments.agencyId, caller.agencyId), leaseScope(caller)];
  if (filters.from) conditions.push(gte(payments.paidAt, nairobiDayBounds(filters.from).from));
  if (filters.to) conditions.push(lt(payments.paidAt, nairobiDayBounds(filters.to).to));
  if (filters.method) conditions.push(eq(payments.method, filters.method));
  if (filters.status) conditions.push(eq(payments.status, filters.status));
  if (filters.propertyId) conditions.push(eq(properties.id, filters.propertyId));
  if (filters.q) {
    const term = interpretSearchTerm(filters.q);
    const leaseIds = term.text ? await listLeasesMatchingText(db, { caller, text: term.text, limit: MAX_TEXT_LEASES }) : [];
    const arms = [
      term.receipt ? eq(payments.mpesaReceiptNumber, term.receipt) : undefined,
      term.phone ? and(eq(payments.agencyId, caller.agencyId), eq(payments.payerPhone, term.phone)) : undefined,
      term.amountCents ? and(eq(payments.agencyId, caller.agencyId), eq(payments.amountCents, term.amountCents)) : undefined,
      leaseIds.length > 0 ? inArray(payments.leaseId, leaseIds) : undefined,
    ].filter((a) => a !== undefined);
    if (arms.length === 0) return null;
    conditions.push(or(...arms));
  }
  return and(...conditions) ?? null;
}

function selectRows(db: DbOrTx, { where, after, limit }: { where: SQL | undefined; after: PaymentCursor | null; limit: number }) {
  // Newest first; (paid_at, id) makes the order total, so the keyset never skips or repeats a row.
  return baseQuery(db)
    .where(and(where, paidBefore(after)))
    .orderBy(desc(payments.paidAt), desc(payments.id))
    .limit(limit);
}

const cursorOf = (row: PaymentSearchRow): PaymentCursor => ({ paidAt: row.paidAt.toISOString(), id: row.id });

/**
 * One page of the caller's payments matching the filters, newest first, and the cursor of the next page. The
 * console (staff only) gives tenants nothing; the public API's list passes `tenantsSeeOwn`, and leaseScope then
 * limits a tenant to their own leases' payments.
 */
export async function searchPaymentsForCaller(
  db: DbOrTx,
  {
    caller,
    filters,
    after = null,
    limit = 25,
    tenantsSeeOwn = false,
  }: { caller: Caller; filters: PaymentFilters; after?: PaymentCursor | null; limit?: number; tenantsSeeOwn?: boolean },
): Promise<{ items: PaymentSearchRow[]; next: PaymentCursor | null }> {
  if (caller.role === 'tenant' && !tenantsSeeOwn) return { items: [], next: null };
  const where = await whereFor(db, { caller, filters });
  if (!where) return { items: [], next: null };
  const rows = await newestFirstForCaller(db, {
    caller, after: paidBefore(after), limit: limit + 1,
    run: (within) => selectRows(db, { where: and(where, within), after, limit: limit + 1 }),
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

/**
 * Every matching payment, in batches, for the CSV export: one page in memory at a time however many rows match,
 * each batch a keyset query (no OFFSET, no long-lived cursor holding a connection while the client downloads).
 */
export async function* iteratePaymentsForCaller(
  db: DbOrTx,
  { caller, filters, batchSize = 1_000 }: { caller: Caller; filters: PaymentFilters; batchSize?: number },
): AsyncGenerator<PaymentSearchRow[]> {
  if (caller.role === 'tenant') return;
  const where = await whereFor(db, { caller, filters });
  if (!where) return;
  let after: PaymentCursor | null = null;
  for (;;) {
    const rows = await selectRows(db, { where, after, limit: batchSize });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = cursorOf(rows[rows.length - 1]!);
  }
}
