import type { ResultIcon } from '@/lib/mpesa/result-codes';

/** What the status endpoints return and the payment screen reads (client-safe: types only). */
export type StkState = 'PENDING' | 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'TIMEOUT';

export interface StkStatusView {
  checkoutRequestId: string;
  status: StkState;
  /** True when a person must look at it (a mismatched callback, no final answer before the deadline). */
  needsReview: boolean;
  userMessage: string;
  action: string;
  statusIcon: ResultIcon;
  mpesaReceiptNumber: string | null;
  resultCode: string | null;
  resultDescription: string | null;
  /** Whole KES, as integrators send it. */
  amount: number;
  amountCents: number;
  phoneNumber: string;
  accountReference: string;
  leaseId: string;
  paymentId: string | null;
  createdAt: string;
  updatedAt: string;
  callbackReceivedAt: string | null;
  transactionDate: string | null;
  completedAt: string | null;
}

/** The short answer of `GET /api/v1/mpesa/status/<id>`. */
export type StkStatusSummary = Pick<
  StkStatusView,
  'checkoutRequestId' | 'status' | 'mpesaReceiptNumber' | 'resultCode' | 'resultDescription' | 'amount' | 'paymentId' | 'needsReview'
>;

export interface StkPushResponse {
  checkoutRequestId: string;
  merchantRequestId: string | null;
  /** True when a push was already pending for this lease and no new prompt was sent. */
  reused: boolean;
  customerMessage: string;
  status: StkStatusView;
}
