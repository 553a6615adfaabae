import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { leases } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { ACCOUNT_REFERENCE_MAX, formatAccountReference } from './account-reference';

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
