import type { StkRow } from '@/db/queries/mpesa-transactions';
import { describeResult } from '@/lib/mpesa/result-codes';
import type { StkStatusSummary, StkStatusView } from './stk-status-types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function describe(row: StkRow): { message: string; action: string; icon: StkStatusView['statusIcon'] } {
  if (row.status === 'SUCCESS') {
    return row.mpesaReceiptNumber
      ? { message: 'Payment received. Thank you!', action: 'Your receipt is ready.', icon: 'check' }
      : {
          message: 'M-Pesa confirmed your payment',
          action: 'The M-Pesa receipt number will appear here as soon as M-Pesa sends it.',
          icon: 'check',
        };
  }
  if (row.status === 'PENDING' && !row.checkoutRequestId) {
    return row.sentAt
      ? {
          message: 'We are checking with M-Pesa',
          action: 'M-Pesa did not confirm it received the request. If a prompt appears on your phone you may approve it; do not pay again until this is settled.',
          icon: 'hourglass',
        }
      : { message: 'Sending the payment prompt', action: 'This takes a few seconds.', icon: 'hourglass' };
  }
  if (row.status === 'PENDING') {
    return { message: 'Waiting for you to enter your M-Pesa PIN', action: 'Check your phone for the M-Pesa prompt.', icon: 'hourglass' };
  }
  if (!row.resultCode) {
    // Closed without a result code: the deadline passed with no final answer from M-Pesa.
    return {
      message: 'We have not had a final answer from M-Pesa',
      action: 'Check your M-Pesa messages. If you were charged, your payment will be credited as soon as M-Pesa’s records show it.',
      icon: 'warning',
    };
  }
  const d = describeResult({ api: 'stk', code: row.resultCode, resultDesc: row.resultDescription });
  return { message: d.message, action: d.action, icon: d.icon };
}

export function toStkStatusView(row: StkRow, paymentId: string | null): StkStatusView {
  const d = describe(row);
  return {
    id: row.id,
    checkoutRequestId: row.checkoutRequestId,
    status: row.status,
    unknownOutcome: row.status === 'PENDING' && row.checkoutRequestId === null && row.sentAt !== null,
    needsReview: row.needsReview,
    userMessage: d.message,
    action: d.action,
    statusIcon: d.icon,
    mpesaReceiptNumber: row.mpesaReceiptNumber,
    resultCode: row.resultCode,
    resultDescription: row.resultDescription,
    amount: row.amountCents / 100,
    amountCents: row.amountCents,
    phoneNumber: row.phone,
    accountReference: row.accountReference,
    leaseId: row.leaseId,
    paymentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    callbackReceivedAt: iso(row.callbackReceivedAt),
    transactionDate: iso(row.transactionDate),
    completedAt: iso(row.completedAt),
  };
}

export function toStkStatusSummary(view: StkStatusView): StkStatusSummary {
  const { id, checkoutRequestId, status, mpesaReceiptNumber, resultCode, resultDescription, amount, paymentId, needsReview, unknownOutcome } = view;
  return { id, checkoutRequestId, status, mpesaReceiptNumber, resultCode, resultDescription, amount, paymentId, needsReview, unknownOutcome };
}
