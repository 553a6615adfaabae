import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { findAgencyIdByPaybill, findLeaseByPaybillAccount, insertC2bConfirmation, setC2bConfirmationOutcome } from '@/db/queries/mpesa-c2b';
import { parseC2bConfirmation, type C2bNotification } from '@/lib/mpesa/callbacks';
import { isDarajaCallbackError } from '@/lib/mpesa/errors';
import { normalizeKenyanPhone } from '@/lib/phone';
import { noteUnplacedConfirmation } from '@/lib/unmatched/record-unplaced-payment';
import type { ProcessResult } from '../inbox-processors';
import { claimReceipt } from '../receipts/claim-receipt';
import { confirmationOutcomeOf } from '../receipts/resolve-receipt';
import { isAcceptableC2bAmount } from './decide-c2b-validation';

/**
 * Applies one stored paybill confirmation (inbox kind `c2b-confirmation`). Safaricom does not resend it, so it is
 * always kept — but it is only a claim: its receipt is proven with Transaction Status (amount, payer, shortcode,
 * status) before anything is credited, and placed on the lease its account number names (lib/payments/receipts).
 * The same money can also reach us as an STK callback with the same receipt (SPEC §9.6): the receipt decides.
 */

function payerName(n: C2bNotification): string | null {
  return [n.firstName, n.middleName, n.lastName].map((s) => s.trim()).filter(Boolean).join(' ') || null;
}

function plainPayer(n: C2bNotification): string | null {
  if (n.msisdnForm !== 'plain') return null;
  const phone = normalizeKenyanPhone(n.msisdn);
  return phone.ok ? phone.msisdn : null;
}

export async function applyC2bConfirmation(db: Db, row: InboxRow): Promise<ProcessResult> {
  let n: C2bNotification;
  try {
    n = parseC2bConfirmation(row.body);
  } catch (error) {
    if (!isDarajaCallbackError(error)) throw error;
    return { outcome: 'invalid', error: error.message };
  }
  const correlationId = n.transId;
  const lease = await findLeaseByPaybillAccount(db, { shortcode: n.businessShortCode, accountReference: n.billRefNumber });
  const agencyId = lease?.agencyId ?? (await findAgencyIdByPaybill(db, { shortcode: n.businessShortCode }));
  // M-Pesa cannot move more than its limit in one payment: such a confirmation is not M-Pesa's, whatever it says.
  const acceptable = isAcceptableC2bAmount(n.amountCents);

  const recorded = await db.transaction(async (tx) => {
    const confirmation = await insertC2bConfirmation(tx, {
      agencyId,
      transId: n.transId,
      transTime: n.transTime,
      amountCents: n.amountCents,
      shortcode: n.businessShortCode,
      billRefNumber: n.billRefNumber || null,
      msisdn: plainPayer(n) ?? (n.msisdn || null),
      payerName: payerName(n),
      leaseId: lease?.id ?? null,
      outcome: acceptable ? 'verifying' : 'invalid',
      raw: n.raw,
    });
    // An account that names no lease: queued for a person at once, acted on only once M-Pesa proves it.
    if (confirmation && acceptable && !lease && agencyId) {
      await noteUnplacedConfirmation(tx, { agencyId, receipt: n.transId, shortcode: n.businessShortCode, amountCents: n.amountCents, accountReference: n.billRefNumber || null, payerMsisdn: plainPayer(n) });
    }
    if (confirmation && !acceptable) {
      await recordAudit(tx, {
        actor: null,
        agencyId,
        action: 'paybill.refused',
        targetType: 'c2b_confirmation',
        targetId: confirmation.id,
        details: { transId: n.transId, amountCents: n.amountCents, reason: 'amount outside M-Pesa limits' },
      });
    }
    return confirmation;
  });
  if (!acceptable) return { outcome: 'invalid', correlationId, agencyId, error: `Amount ${n.amountCents} cents is outside what M-Pesa can move in one payment` };
  // Claimed again for a copy too (idempotent): a first copy that died after recording must not strand the money.
  const { check } = await claimReceipt(db, {
    receipt: n.transId,
    shortcode: n.businessShortCode,
    source: 'c2b-confirmation',
    amountCents: n.amountCents,
    accountReference: n.billRefNumber || null,
    // Looked up above, for this very paybill (the lease's agency is the paybill's: one paybill, one agency).
    agencyId,
  });
  // The receipt may have been settled before its confirmation came (the statement booked it while this was lost in a
  // queue, or its STK callback did): this confirmation then shows that outcome, not "verifying" for ever. A pending
  // check settles every confirmation of its receipt when it resolves (resolveConfirmedReceipt).
  if (recorded && check.status !== 'PENDING') {
    const outcome = check.status === 'NOT_FOUND' ? 'refuted' : check.resolution ? confirmationOutcomeOf(check.resolution) : null;
    if (outcome) await setC2bConfirmationOutcome(db, { transId: n.transId, outcome, paymentId: check.paymentId });
  }
  return { outcome: recorded ? 'applied' : 'duplicate', correlationId, agencyId };
}
