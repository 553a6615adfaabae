import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { leases } from '@/db/schema';
import { AppError } from '@/lib/errors';

/**
 * The one place a lease's paybill account reference is made: `<PROPERTY CODE>-<UNIT LABEL>`, upper case, e.g.
 * `KH-A1` — what a tenant types as "Account no." and what an STK push carries as AccountReference (at most 12
 * characters, which the property-code and unit-label rules guarantee). Unique per paybill (one paybill per
 * agency) among the leases in force; the reference is fixed when the lease is created, so renaming a property
 * never changes what a paying tenant types.
 */

export const ACCOUNT_REFERENCE_MAX = 12;

export function formatAccountReference({ propertyCode, unitLabel }: { propertyCode: string; unitLabel: string }): string {
  return `${propertyCode}-${unitLabel}`.toUpperCase().replace(/\s+/g, '');
}

/** The reference for a new lease on a unit; refuses one another lease in force already uses on this paybill. */
export async function generateAccountReference(
  db: DbOrTx,
  { agencyId, unitId, propertyCode, unitLabel }: { agencyId: string; unitId: string; propertyCode: string; unitLabel: string },
): Promise<string> {
  const reference = formatAccountReference({ propertyCode, unitLabel });
  if (reference.length > ACCOUNT_REFERENCE_MAX) {
    throw new AppError('invalid_request', `The account number ${reference} is longer than M-Pesa's ${ACCOUNT_REFERENCE_MAX} characters: shorten the property code or unit label`);
  }
  const [clash] = await db
    .select({ id: leases.id })
    .from(leases)
    .where(and(eq(leases.agencyId, agencyId), sql`upper(${leases.accountReference}) = ${reference}`, inArray(leases.status, ['active', 'notice']), sql`${leases.unitId} <> ${unitId}`))
    .limit(1);
  if (clash) throw new AppError('conflict', `Another lease in force already uses the account number ${reference} on this paybill`);
  return reference;
}
