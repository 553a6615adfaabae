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
  raw: unknown;
}

export function parseTransactionStatusResult(body: unknown): TransactionStatusResult {
  const { params, ...header } = readResultHeader(parseCallbackBody(transactionStatusResultSchema, body, 'transaction status result'));
  const occasion = header.referenceData.Occasion ?? header.referenceData.Occassion;
  return {
    ...header,
    receiptNo: paramString(params, 'ReceiptNo'),
    amountCents: darajaMoneyToCents(findParam(params, 'Amount')) ?? undefined,
    transactionStatus: paramString(params, 'TransactionStatus'),
    reasonType: paramString(params, 'ReasonType'),
    transactionReason: paramString(params, 'TransactionReason'),
    debitPartyName: paramString(params, 'DebitPartyName'),
    creditPartyName: paramString(params, 'CreditPartyName'),
    debitAccountType: paramString(params, 'DebitAccountType'),
    debitPartyCharges: paramString(params, 'DebitPartyCharges'),
    initiatedAt: paramDate(params, 'InitiatedTime'),
    finalisedAt: paramDate(params, 'FinalisedTime', 'FinalizedTime'),
    queriedOriginatorConversationId: paramString(params, 'OriginatorConversationID'),
    queriedConversationId: paramString(params, 'ConversationID'),
    occasion: occasion === null || occasion === undefined ? undefined : String(occasion),
    raw: body,
  };
}
