import type { ResultIcon } from '@/lib/mpesa/result-codes';

/** What the status endpoints return and the payment screen reads (client-safe: types only). */
export type StkState = 'PENDING' | 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'TIMEOUT';

export interface StkStatusView {
  /** Our id for the push: the one thing a push whose send outcome is unknown has. */
  id: string;
  checkoutRequestId: string | null;
  status: StkState;
  /** Sent, but we never learned whether M-Pesa received it; blocks a second push until M-Pesa's records settle it. */
  unknownOutcome: boolean;
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
  'id' | 'checkoutRequestId' | 'status' | 'mpesaReceiptNumber' | 'resultCode' | 'resultDescription' | 'amount' | 'paymentId' | 'needsReview' | 'unknownOutcome'
>;

export interface StkPushResponse {
  id: string;
  checkoutRequestId: string | null;
  merchantRequestId: string | null;
  /** True when a push was already pending for this lease and no new prompt was sent. */
  reused: boolean;
  unknownOutcome: boolean;
  customerMessage: string;
  status: StkStatusView;
}
