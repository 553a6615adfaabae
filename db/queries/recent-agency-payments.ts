import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { payments } from '../schema';

/**
 * How many of an agency's newest payments a landlord's newest-first list looks through before reading all of the
 * landlord's payments. A landlord's leases are a share of their agency's, and Postgres, which cannot tell how large,
 * plans "the landlord's payments, newest first" from the landlord's properties: every payment of every lease they
 * have, sorted, for a page of 25 (13 ms at 1 M payments). Their newest payments are almost always among the
 * agency's newest few hundred, which come straight off (agency_id, paid_at, id).
 */
const RECENT_WINDOW = 250;

/**
 * Runs a newest-first page query (`run`, given an extra condition on payments) for the caller: for a landlord, first
 * within the agency's newest payments, and only when that finds fewer rows than the page needs, on everything.
 * Exact either way: when the window holds `limit` matches, no match outside it (all older) can be among the newest.
 */
export async function newestFirstForCaller<T>(
  db: DbOrTx,
  { caller, after, limit, run }: { caller: Caller; after?: SQL; limit: number; run: (within: SQL | undefined) => Promise<T[]> },
): Promise<T[]> {
  if (caller.role === 'landlord') {
    const window = db.select({ id: payments.id }).from(payments).where(and(eq(payments.agencyId, caller.agencyId), after))
      .orderBy(desc(payments.paidAt), desc(payments.id)).limit(RECENT_WINDOW);
    // As a list read first: as a subquery, Postgres joined it in after reading all of the landlord's payments.
    const rows = await run(sql`${payments.id} = any(array(${window}))`);
    if (rows.length >= limit) return rows;
  }
  return run(undefined);
}

/** The keyset condition of a newest-first page after a cursor, on (paid_at, id). */
export function paidBefore(after: { paidAt: string; id: string } | null | undefined): SQL | undefined {
  return after ? sql`(${payments.paidAt}, ${payments.id}) < (${after.paidAt}::timestamptz, ${after.id}::uuid)` : undefined;
}
