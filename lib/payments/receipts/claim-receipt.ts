import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findAgencyIdByPaybill } from '@/db/queries/mpesa-c2b';
import { claimReceiptCheckForQuery, getReceiptCheckById, lockReceiptCheck, updateReceiptCheck, upsertAndLockReceiptCheck, type ReceiptCheckRow } from '@/db/queries/mpesa-receipt-checks';
import type { ReceiptSource } from '@/db/schema';
import { requestStatusQuery } from '../initiator/request-status-query';
import { getMpesaContext } from '../mpesa-context';
import { resolveConfirmedReceipt } from './resolve-receipt';

/**
 * Someone told us about a receipt: an STK callback, a paybill confirmation, the statement, a tenant. The claim is
 * recorded (one row per receipt, whatever the number of claims) and Transaction Status is asked to prove it; only
 * what it proves reaches the books (ARCHITECTURE invariants 1 and 4).
 */

/** Never ask Transaction Status about one receipt more often than this, whoever asks. */
export const RECEIPT_QUERY_MIN_INTERVAL_SECONDS = 20;

export interface ReceiptClaim {
  receipt: string;
  /** The shortcode the money was paid into. */
  shortcode: string;
  source: ReceiptSource;
  amountCents?: number | null;
  accountReference?: string | null;
  pushId?: string | null;
  /** The lease a tenant says the money is for (source `tenant-lookup`); see tenant-claim.ts. */
  leaseId?: string | null;
  /**
   * The agency that owns `shortcode`, when the caller has just looked it up (a paybill belongs to one agency, unique
   * index): saves the lookup here. Undefined: looked up.
   */
  agencyId?: string | null;
}

export async function claimReceipt(db: Db, claim: ReceiptClaim): Promise<{ check: ReceiptCheckRow; created: boolean }> {
  const receipt = claim.receipt.trim().toUpperCase();
  const { agencyId: knownAgencyId, ...told } = claim;
  const agencyId = knownAgencyId !== undefined ? knownAgencyId : await findAgencyIdByPaybill(db, { shortcode: claim.shortcode });
  const { check, created } = await db.transaction(async (tx) => {
    const { check: current, created } = await upsertAndLockReceiptCheck(tx, {
      receipt,
      shortcode: claim.shortcode,
      agencyId,
      source: claim.source,
      claimedAmountCents: claim.amountCents ?? null,
      claimedAccountReference: claim.accountReference?.trim() || null,
      claimedPushId: claim.pushId ?? null,
      claimedLeaseId: claim.leaseId ?? null,
      // A paybill that is no agency's is not ours to query or credit.
      ...(agencyId ? {} : { status: 'UNRESOLVED' as const, resolution: 'unmatched' as const, reviewReason: `Paybill ${claim.shortcode} belongs to no agency` }),
    });
    if (created) {
      await recordAudit(tx, { actor: null, agencyId, action: 'receipt.claimed', targetType: 'mpesa_receipt_check', targetId: current.id, details: { ...told, receipt } });
      return { check: current, created };
    }
    // A later claim adds what the first one lacked (a paybill confirmation brings the account an STK callback cannot).
    const newAccount = !current.claimedAccountReference && claim.accountReference?.trim() ? claim.accountReference.trim() : null;
    const newPush = !current.claimedPushId && claim.pushId ? claim.pushId : null;
    const newLease = !current.claimedLeaseId && claim.leaseId ? claim.leaseId : null;
    // 2032 once, or a query that kept failing, is looked at again when an independent source vouches for the receipt.
    const retry = (current.status === 'NOT_FOUND' || current.status === 'UNRESOLVED') && agencyId !== null && claim.source !== current.source;
    if (!newAccount && !newPush && !newLease && !retry) return { check: current, created };
    // A tenant may have named the wrong paybill first; M-Pesa's own messages say where the money really went.
    const moved = retry && claim.source !== 'tenant-lookup' && claim.shortcode !== current.shortcode;
    let updated =
      (await updateReceiptCheck(tx, {
        id: current.id,
        set: {
          ...(newAccount ? { claimedAccountReference: newAccount } : {}),
          ...(newPush ? { claimedPushId: newPush } : {}),
          ...(newLease ? { claimedLeaseId: newLease } : {}),
          ...(moved ? { shortcode: claim.shortcode, agencyId } : {}),
          ...(retry ? { status: 'PENDING' as const, resolution: null, resolvedAt: null, queryCount: 0, lastQueriedAt: null } : {}),
        },
      })) ?? current;
    await recordAudit(tx, { actor: null, agencyId, action: 'receipt.claimed_again', targetType: 'mpesa_receipt_check', targetId: current.id, details: { ...told, receipt, retry } });
    // Proven earlier but nowhere to put it: the new claim may say where.
    if (updated.status === 'CONFIRMED' && updated.resolution === 'unmatched' && (newAccount || newPush || newLease)) {
      await resolveConfirmedReceipt(tx, updated);
      updated = (await lockReceiptCheck(tx, { id: updated.id })) ?? updated;
    }
    return { check: updated, created };
  });
  if (check.status === 'PENDING') await queryReceipt(db, check);
  return { check: (await getReceiptCheckById(db, { id: check.id })) ?? check, created };
}

/** Sends one Transaction Status query for a pending check, unless another was sent very recently. */
export async function queryReceipt(db: Db, check: ReceiptCheckRow): Promise<void> {
  if (!check.agencyId) return;
  const claimed = await claimReceiptCheckForQuery(db, { id: check.id, minIntervalSeconds: RECEIPT_QUERY_MIN_INTERVAL_SECONDS });
  if (!claimed) return;
  const ctx = await getMpesaContext(db, { agencyId: check.agencyId });
  await requestStatusQuery(db, {
    agencyId: check.agencyId,
    targetKind: 'receipt',
    targetId: check.id,
    shortcode: check.shortcode,
    transactionId: check.receipt,
    mpesa: ctx,
  });
}
