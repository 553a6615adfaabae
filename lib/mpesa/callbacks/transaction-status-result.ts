import { normalizeKenyanPhone } from '../../phone';
import { darajaMoneyToCents } from '../amounts';
import { findParam, paramString, parseCallbackBody } from './parse-helpers';
import { paramDate, readResultHeader, resultEnvelopeSchema, type ResultHeader } from './result-envelope';

/**
 * Transaction status result (SPEC §8). The 2017 sample spells keys with spaces (`Conversation ID`,
 * `Originator Conversation ID`) and `FinalizedTime`; `DebitPartyName` may repeat; `TransactionReason` may have no
 * value. The ReferenceItem echoes our `Occasion`.
 */

export const transactionStatusResultSchema = resultEnvelopeSchema;

export interface TransactionStatusResult extends ResultHeader {
  receiptNo?: string;
  amountCents?: number;
  transactionStatus?: string;
  reasonType?: string;
  transactionReason?: string;
  debitPartyName?: string;
  creditPartyName?: string;
  debitAccountType?: string;
  debitPartyCharges?: string;
  initiatedAt?: Date;
  finalisedAt?: Date;
  /** The ids of the transaction asked about (not of this status query). */
  queriedOriginatorConversationId?: string;
  queriedConversationId?: string;
  occasion?: string;
  /** True when our `Occasion` came back with a value; a valueless `{"Key":"Occasion"}` (none was sent) is false. */
  occasionEchoed: boolean;
  /**
   * The status query's own ids (the Result header), to correlate the result with the query that asked for it
   * (SPEC §8.1: match on these first, not on `Occasion`). Same values as `originatorConversationId`/`conversationId`.
   */
  statusQuery: { originatorConversationId: string; conversationId: string };
  /** Payments in: the payer from `DebitPartyName` (`07…`, `01…`, `2547…`, then ` - NAME`), as `2547…`/`2541…`; unset when masked. */
  payerMsisdn?: string;
  payerName?: string;
  /** `CreditPartyName` `<shortcode> - <ORG NAME>` (padding and double spaces tolerated). */
  creditShortcode?: string;
  creditPartyOrgName?: string;
  creditPartyCharges?: string;
  /** `Result.TransactionID` is the `XXX0000000` placeholder (payments in): the receipt is `receiptNo`. */
  transactionIdIsPlaceholder: boolean;
  raw: unknown;
}

/** `0712345678 - JANE DOE`, `254712345678 - Jane`, `+254 712 345 678 - X`: the number (null when masked) and the name. */
export function parsePartyMsisdn(value: string | undefined): { msisdn?: string; name?: string } {
  if (!value) return {};
  const m = /^\s*(\+?[\d*][\d*\s]*?)\s*-\s*(.*?)\s*$/.exec(value);
  if (!m) return {};
  const [, number = '', name = ''] = m;
  const normalised = number.includes('*') ? null : normalizeKenyanPhone(number);
  return { ...(normalised?.ok ? { msisdn: normalised.msisdn } : {}), ...(name ? { name: name.replace(/\s+/g, ' ') } : {}) };
}

/** `174379 -  Demo Properties` → shortcode and name. */
export function parsePartyShortcode(value: string | undefined): { shortcode?: string; name?: string } {
  const m = value ? /^\s*(\d{5,7})\s*-\s*(.*?)\s*$/.exec(value) : null;
  if (!m) return {};
  const [, shortcode = '', name = ''] = m;
  return { shortcode, ...(name ? { name: name.replace(/\s+/g, ' ') } : {}) };
}

export function parseTransactionStatusResult(body: unknown): TransactionStatusResult {
  const { params, ...header } = readResultHeader(parseCallbackBody(transactionStatusResultSchema, body, 'transaction status result'));
  const occasion = header.referenceData.Occasion ?? header.referenceData.Occassion;
  const occasionText = occasion === null || occasion === undefined ? undefined : String(occasion);
  const debitPartyName = paramString(params, 'DebitPartyName');
  const creditPartyName = paramString(params, 'CreditPartyName');
  const payer = parsePartyMsisdn(debitPartyName);
  const credit = parsePartyShortcode(creditPartyName);
  return {
    ...header,
    receiptNo: paramString(params, 'ReceiptNo'),
    amountCents: darajaMoneyToCents(findParam(params, 'Amount')) ?? undefined,
    transactionStatus: paramString(params, 'TransactionStatus'),
    reasonType: paramString(params, 'ReasonType'),
    transactionReason: paramString(params, 'TransactionReason'),
    debitPartyName,
    creditPartyName,
    debitAccountType: paramString(params, 'DebitAccountType'),
    debitPartyCharges: paramString(params, 'DebitPartyCharges'),
    initiatedAt: paramDate(params, 'InitiatedTime'),
    finalisedAt: paramDate(params, 'FinalisedTime', 'FinalizedTime'),
    queriedOriginatorConversationId: paramString(params, 'OriginatorConversationID'),
    queriedConversationId: paramString(params, 'ConversationID'),
    occasion: occasionText,
    occasionEchoed: occasionText !== undefined && occasionText.trim() !== '',
    statusQuery: { originatorConversationId: header.originatorConversationId, conversationId: header.conversationId },
    payerMsisdn: payer.msisdn,
    payerName: payer.name,
    creditShortcode: credit.shortcode,
    creditPartyOrgName: credit.name,
    creditPartyCharges: paramString(params, 'CreditPartyCharges'),
    transactionIdIsPlaceholder: header.transactionId !== null && /^[A-Z0-9]{3}0{7}$/.test(header.transactionId),
    raw: body,
  };
}
