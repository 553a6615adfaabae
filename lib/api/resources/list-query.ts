import { z } from 'zod';
import { LEASE_STATUSES } from '@/db/schema/leases';
import { paymentFiltersSchema } from '@/lib/console/payment-filters';

/**
 * The query strings of the paginated lists. Pages are keyset-paginated: `next` in an answer is an opaque cursor,
 * passed back as `cursor` for the following page (stable while rows are added, unlike page numbers).
 */

const limit = z.coerce.number().int('Use a whole number').min(1, 'At least 1').max(100, 'At most 100').default(25);
const cursor = z.string().max(800).optional();

/** `GET /api/v1/payments`: the payment search's filters (the same as the console's search page and CSV export). */
// safeExtend keeps the filters' own check (a range that ends before it starts).
export const paymentListQuerySchema = paymentFiltersSchema.safeExtend({ cursor, limit });

export const leaseListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(LEASE_STATUSES).optional(),
  cursor,
  limit,
});

/** The query string as an object of its first values (a repeated key keeps its first value, as the pages do). */
export function queryObject(url: string): Record<string, string> {
  const params = new URL(url).searchParams;
  return Object.fromEntries([...new Set(params.keys())].map((key) => [key, params.get(key) ?? '']));
}
