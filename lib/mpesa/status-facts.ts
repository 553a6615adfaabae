import { parsePartyMsisdn, type TransactionStatusResult } from './callbacks';

/**
 * What a Transaction Status result proves, in domain terms (SPEC §8, §8.1), so that payment services never read
 * Daraja's parameter names, result codes or the `<MSISDN> - <NAME>` party format themselves.
 */

/** `found`: M-Pesa has the transaction; `not-found`: 2032, it has none; `query-failed`: the query itself failed. */
export type StatusVerdict = 'found' | 'not-found' | 'query-failed';
/** How the money moved: an STK (API) payment into a paybill, a manual paybill payment, a B2C payout, or other. */
export type PaymentRoute = 'stk' | 'paybill' | 'b2c' | 'other';

export interface StatusFacts {
  verdict: StatusVerdict;
  /** `Completed`, `Reversed`, … as M-Pesa reports it (found only). */
  state: 'completed' | 'reversed' | 'other' | null;
  receipt: string | null;
  amountCents: number | null;
  route: PaymentRoute;
  reasonType: string | null;
  /** The payer, unmasked (`2547…`), for payments in; the sender organisation's number is not a phone. */
  payerMsisdn: string | null;
  payerName: string | null;
  /** The receiving party: a phone for B2C, a shortcode for payments in. */
  receiverMsisdn: string | null;
  receiverName: string | null;
  receiverShortcode: string | null;
  /** For an STK payment, the OriginatorConversationID parameter has the MerchantRequestID's shape (§8.1). */
  merchantRequestId: string | null;
  completedAt: Date | null;
  resultCode: string;
  resultDesc: string;
}

// "The transaction receipt number does not exist." (SPEC §8)
const NOT_FOUND_CODE = '2032';

/** How money moved, from Transaction Status's ReasonType (SPEC §8.1, §9.7). */
export function routeOf(reasonType: string | null | undefined): PaymentRoute {
  if (!reasonType) return 'other';
  if (/pay bill online|via stk|od online/i.test(reasonType)) return 'stk';
  if (/^pay utility/i.test(reasonType)) return 'paybill';
  if (/business payment|salary payment|promotion payment|to customer/i.test(reasonType)) return 'b2c';
  return 'other';
}

export function readStatusFacts(result: TransactionStatusResult): StatusFacts {
  const verdict: StatusVerdict = result.resultCode === '0' ? 'found' : result.resultCode === NOT_FOUND_CODE ? 'not-found' : 'query-failed';
  const status = result.transactionStatus ?? '';
  // Payments in: the payer is the debit party; B2C: the receiver is the credit party (`2547… - Name`).
  const receiver = parsePartyMsisdn(result.creditPartyName);
  return {
    verdict,
    state: verdict !== 'found' ? null : /completed/i.test(status) ? 'completed' : /reversed/i.test(status) ? 'reversed' : 'other',
    receipt: result.receiptNo ?? null,
    amountCents: result.amountCents ?? null,
    route: routeOf(result.reasonType),
    reasonType: result.reasonType ?? null,
    payerMsisdn: result.payerMsisdn ?? null,
    payerName: result.payerName ?? null,
    receiverMsisdn: receiver.msisdn ?? null,
    receiverName: receiver.name ?? null,
    receiverShortcode: result.creditShortcode ?? null,
    merchantRequestId: result.queriedOriginatorConversationId ?? null,
    completedAt: result.finalisedAt ?? result.initiatedAt ?? null,
    resultCode: result.resultCode,
    resultDesc: result.resultDesc,
  };
}
