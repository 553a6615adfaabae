import 'server-only';
import type { Db, Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { lockLease, recordPayment } from '@/db/queries/ledger';
import {
  findAgencyIdByPaybill,
  findLeaseByPaybillAccount,
  findReceiptlessStkPayment,
  insertC2bConfirmation,
  updateC2bConfirmation,
  type C2bConfirmationRow,
  type PaybillLease,
} from '@/db/queries/mpesa-c2b';
import { lockPushById, updatePush } from '@/db/queries/mpesa-transactions';
import { fillPaymentReceipt, getPaymentByReceipt } from '@/db/queries/payments';
import { parseC2bConfirmation, type C2bNotification } from '@/lib/mpesa/callbacks';
import { normalizeKenyanPhone } from '@/lib/phone';
import type { ProcessResult } from '../inbox-processors';

/**
 * Applies one stored paybill confirmation (inbox kind `c2b-confirmation`) in one transaction. The money has
 * already moved when this arrives, and Safaricom does not resend it, so it is always kept: credited to the lease
 * whose account number the tenant typed, or stored `unmatched` for an admin to place.
 *
 * Invariant 1 across routes: the same money can also reach us as an STK callback (same receipt) or be credited
 * from the STK query alone (no receipt). Either way it is credited once.
 */

/** How far apart an STK success credited without a receipt and a paybill confirmation may be and still be one payment. */
export const RECEIPTLESS_MATCH_WINDOW_MS = 24 * 60 * 60 * 1000;

function payerPhone(n: C2bNotification): string | null {
  if (n.msisdnForm !== 'plain') return null;
  const phone = normalizeKenyanPhone(n.msisdn);
  return phone.ok ? phone.msisdn : null;
}

function payerName(n: C2bNotification): string | null {
  return [n.firstName, n.middleName, n.lastName].map((s) => s.trim()).filter(Boolean).join(' ') || null;
}

export async function applyC2bConfirmation(db: Db, row: InboxRow): Promise<ProcessResult> {
  let n: C2bNotification;
  try {
    n = parseC2bConfirmation(JSON.parse(row.body) as unknown);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const correlationId = n.transId;

  return db.transaction(async (tx): Promise<ProcessResult> => {
    const lease = await findLeaseByPaybillAccount(tx, { shortcode: n.businessShortCode, accountReference: n.billRefNumber });
    const agencyId = lease?.agencyId ?? (await findAgencyIdByPaybill(tx, { shortcode: n.businessShortCode }));
    const confirmation = await insertC2bConfirmation(tx, {
      agencyId,
      transId: n.transId,
      transTime: n.transTime,
      amountCents: n.amountCents,
      shortcode: n.businessShortCode,
      billRefNumber: n.billRefNumber || null,
      msisdn: n.msisdn || null,
      payerName: payerName(n),
      leaseId: lease?.id ?? null,
      outcome: 'pending',
      raw: n.raw,
    });
    if (!confirmation) return { outcome: 'duplicate', correlationId };

    if (!lease) {
      await updateC2bConfirmation(tx, { id: confirmation.id, set: { outcome: 'unmatched' } });
      await recordAudit(tx, {
        actor: null,
        agencyId,
        action: 'paybill.unmatched',
        targetType: 'c2b_confirmation',
        targetId: confirmation.id,
        details: { transId: n.transId, amountCents: n.amountCents, shortcode: n.businessShortCode, billRefNumber: n.billRefNumber },
      });
      return { outcome: 'unmatched', correlationId, error: `No lease has account number "${n.billRefNumber}" on paybill ${n.businessShortCode}` };
    }
    return creditToLease(tx, { n, lease, confirmation });
  });
}

async function creditToLease(
  tx: Tx,
  { n, lease, confirmation }: { n: C2bNotification; lease: PaybillLease; confirmation: C2bConfirmationRow },
): Promise<ProcessResult> {
  const correlationId = n.transId;
  const phone = payerPhone(n);
  // Same lease lock as STK settlement: each route checks what the other credited, so they take turns.
  await lockLease(tx, { leaseId: lease.id });

  // The STK callback already credited this receipt (an STK payment into the paybill is confirmed here too).
  const credited = await getPaymentByReceipt(tx, { receipt: n.transId });
  if (credited) {
    await updateC2bConfirmation(tx, { id: confirmation.id, set: { outcome: 'duplicate', paymentId: credited.id } });
    return { outcome: 'duplicate', correlationId };
  }

  // The STK callback was lost and the STK query credited the push without a receipt: this is that money.
  const receiptless = await findReceiptlessStkPayment(tx, {
    leaseId: lease.id, shortcode: n.businessShortCode, amountCents: n.amountCents, phone, paidAround: n.transTime, windowMs: RECEIPTLESS_MATCH_WINDOW_MS,
  });
  if (receiptless) {
    // Same lock as every STK state change, so a late STK callback and this confirmation apply one after the other.
    const push = await lockPushById(tx, { id: receiptless.pushId });
    if (push && !push.mpesaReceiptNumber && (await fillPaymentReceipt(tx, { paymentId: receiptless.paymentId, receipt: n.transId }))) {
      await updatePush(tx, { id: push.id, set: { mpesaReceiptNumber: n.transId, transactionDate: push.transactionDate ?? n.transTime } });
      await updateC2bConfirmation(tx, { id: confirmation.id, set: { outcome: 'receipt_filled', paymentId: receiptless.paymentId } });
      await recordAudit(tx, {
        actor: null,
        agencyId: lease.agencyId,
        action: 'payment.receipt-filled',
        targetType: 'payment',
        targetId: receiptless.paymentId,
        details: { source: 'paybill', transId: n.transId, pushId: push.id, amountCents: n.amountCents, confirmationId: confirmation.id },
      });
      return { outcome: 'applied', correlationId };
    }
  }

  const payment = await recordPayment(tx, {
    agencyId: lease.agencyId,
    leaseId: lease.id,
    amountCents: n.amountCents,
    method: 'mpesa_paybill',
    mpesaReceiptNumber: n.transId,
    payerPhone: phone,
    paidAt: n.transTime,
    recordedBy: null,
  });
  if (!payment) {
    // Lost a race with the STK callback for the same receipt (the unique index decided): credited once already.
    const winner = await getPaymentByReceipt(tx, { receipt: n.transId });
    await updateC2bConfirmation(tx, { id: confirmation.id, set: { outcome: 'duplicate', paymentId: winner?.id ?? null } });
    return { outcome: 'duplicate', correlationId };
  }
  await updateC2bConfirmation(tx, { id: confirmation.id, set: { outcome: 'credited', paymentId: payment.id } });
  await recordAudit(tx, {
    actor: null,
    agencyId: lease.agencyId,
    action: 'payment.credited',
    targetType: 'payment',
    targetId: payment.id,
    details: {
      source: 'paybill',
      transId: n.transId,
      amountCents: payment.amountCents,
      billRefNumber: n.billRefNumber,
      leaseStatus: lease.status,
      confirmationId: confirmation.id,
    },
  });
  return { outcome: 'applied', correlationId };
}
