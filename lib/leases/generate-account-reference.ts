import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { leases } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { ACCOUNT_REFERENCE_MAX, accountKeysClash, clashingAccountKeys, formatCheckedAccountReference } from './account-reference';

/**
 * The reference for a new lease on a unit, with its check character (`KH-A1-R`). Refuses one that another lease in
 * force on this paybill (one per agency) could be confused with however it is typed: the same key (`KH-A01` and
 * `KH-A1`), or one reference with its check letter reading as the other unit (`KH-1-A` and `KH-1A`). The unit's
 * own lease in force is no clash: its successor keeps the unit's account number.
 */
export async function generateAccountReference(
  db: DbOrTx,
  { agencyId, unitId, propertyCode, unitLabel }: { agencyId: string; unitId: string; propertyCode: string; unitLabel: string },
): Promise<{ accountReference: string; accountKey: string }> {
  const made = formatCheckedAccountReference({ propertyCode, unitLabel });
  if (!made) {
    throw new AppError('invalid_request', `The account number for ${propertyCode}-${unitLabel} would be longer than M-Pesa's ${ACCOUNT_REFERENCE_MAX} characters: shorten the property code or unit label`);
  }
  const others = await db
    .select({ accountReference: leases.accountReference, accountKey: leases.accountKey })
    .from(leases)
    .where(and(eq(leases.agencyId, agencyId), inArray(leases.accountKey, clashingAccountKeys(made.accountKey)), inArray(leases.status, ['active', 'notice']), sql`${leases.unitId} <> ${unitId}`));
  const clash = others.find((o) => accountKeysClash({ accountKey: made.accountKey, other: o.accountKey }));
  if (clash) {
    throw new AppError(
      'conflict',
      `The account number ${made.reference} could be mistaken for ${clash.accountReference}, which another lease in force uses on this paybill: rename the unit (or property code) so tenants cannot pay the wrong lease`,
    );
  }
  return { accountReference: made.reference, accountKey: made.accountKey };
}
