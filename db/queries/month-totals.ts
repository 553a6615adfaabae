import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { properties, propertyMonthTotals } from '../schema';
import { propertyScope } from './scope';

export interface MonthTotal {
  period: string;
  /** `due`, or the payment method the money came by. */
  entry: string;
  cents: number;
  payments: number;
}

/**
 * The caller's month figures for some periods, summed over the properties the caller may see (an admin's agency, a
 * landlord's own), from property_month_totals (kept equal to the ledger by the database; see its schema).
 */
export async function listMonthTotals(db: DbOrTx, { caller, periods }: { caller: Caller; periods: string[] }): Promise<MonthTotal[]> {
  const t = propertyMonthTotals;
  // For a landlord, only their properties; for an admin the agency condition is the whole scope.
  const own = caller.role === 'admin' ? undefined : inArray(t.propertyId, db.select({ id: properties.id }).from(properties).where(propertyScope(caller)));
  return db
    .select({
      period: t.period,
      entry: t.entry,
      cents: sql<number>`sum(${t.cents})`.mapWith(Number),
      payments: sql<number>`sum(${t.payments})`.mapWith(Number),
    })
    .from(t)
    .where(and(eq(t.agencyId, caller.agencyId), inArray(t.period, periods), own))
    .groupBy(t.period, t.entry);
}
