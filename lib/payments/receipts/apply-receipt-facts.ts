import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { setC2bConfirmationOutcome } from '@/db/queries/mpesa-c2b';
import { lockReceiptCheck, updateReceiptCheck } from '@/db/queries/mpesa-receipt-checks';
import type { StatusFacts } from '@/lib/mpesa/status-facts';
import type { ProcessResult } from '../inbox-processors';
import { resolveConfirmedReceipt } from './resolve-receipt';

/**
 * "Does M-Pesa know 2032 for this receipt?" is asked twice before a claim is called forged: a receipt may not be
 * queryable the very second it is issued. A query that keeps failing (credentials, outage) goes to a person.
 */
const NOT_FOUND_CONFIRMATIONS = 2;
const MAX_FAILED_QUERIES = 10;

/** Applies what Transaction Status said about a receipt check (the `receipt` target of a status query). */
export async function applyReceiptFacts(db: Db, { checkId, facts, inboxId }: { checkId: string; facts: StatusFacts; inboxId: string }): Promise<ProcessResult> {
  return db.transaction(async (tx): Promise<ProcessResult> => {
    const check = await lockReceiptCheck(tx, { id: checkId });
    if (!check) return { outcome: 'unmatched', correlationId: checkId };
    const base = { correlationId: check.receipt, agencyId: check.agencyId };
    if (check.status !== 'PENDING') return { ...base, outcome: 'duplicate' };
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(tx, { actor: null, agencyId: check.agencyId, action, targetType: 'mpesa_receipt_check', targetId: check.id, details: { inboxId, receipt: check.receipt, ...details } });

    if (facts.verdict === 'query-failed') {
      const giveUp = check.queryCount >= MAX_FAILED_QUERIES;
      const reason = `Transaction Status could not be asked: ${facts.resultCode} ${facts.resultDesc}`;
      await updateReceiptCheck(tx, { id: check.id, set: giveUp ? { status: 'UNRESOLVED', resolution: 'review', reviewReason: reason, resolvedAt: new Date() } : {} });
      await audit('receipt.query_failed', { resultCode: facts.resultCode, gaveUp: giveUp });
      return { ...base, outcome: 'applied', error: reason };
    }

    // A receipt for money paid to some other shortcode is not ours, whatever the callback said.
    const elsewhere = facts.verdict === 'found' && facts.receiverShortcode !== null && facts.receiverShortcode !== check.shortcode;
    if (facts.verdict === 'not-found' || elsewhere) {
      if (!elsewhere && check.queryCount < NOT_FOUND_CONFIRMATIONS) {
        await audit('receipt.not_found_once', {});
        return { ...base, outcome: 'applied', error: 'Transaction Status does not know this receipt yet; asking again' };
      }
      const reason = elsewhere ? `M-Pesa says this money was paid to ${facts.receiverShortcode}, not ${check.shortcode}` : 'M-Pesa says this receipt does not exist';
      await updateReceiptCheck(tx, { id: check.id, set: { status: 'NOT_FOUND', resolution: 'refuted', reviewReason: reason, resolvedAt: new Date() } });
      await setC2bConfirmationOutcome(tx, { transId: check.receipt, outcome: 'refuted' });
      await audit('receipt.refuted', { reason, source: check.source, claimedAmountCents: check.claimedAmountCents });
      return { ...base, outcome: 'applied' };
    }

    const confirmed = await updateReceiptCheck(tx, {
      id: check.id,
      set: {
        status: 'CONFIRMED',
        amountCents: facts.amountCents,
        payerMsisdn: facts.payerMsisdn,
        payerName: facts.payerName,
        reasonType: facts.reasonType,
        route: facts.route,
        transactionStatus: facts.state,
        merchantRequestId: facts.merchantRequestId,
        completedAt: facts.completedAt,
        evidence: { resultCode: facts.resultCode, resultDesc: facts.resultDesc, inboxId },
      },
    });
    if (!confirmed) return { ...base, outcome: 'unmatched' };
    await audit('receipt.confirmed', { amountCents: facts.amountCents, route: facts.route, payer: facts.payerMsisdn });
    await resolveConfirmedReceipt(tx, confirmed);
    return { ...base, outcome: 'applied' };
  });
}
