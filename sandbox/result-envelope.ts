import { initiatorDesc, wireResultCode } from './result-codes';

export interface KeyValue {
  Key: string;
  Value?: unknown;
}

/** Safaricom's internal result hand-off URLs, echoed in ReferenceData (SPEC §5.3, §6, §7). */
export const REFERENCE_URLS = {
  b2c: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
  reversal: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit',
  balance: 'https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit',
} as const;

export interface ResultInput {
  code: string;
  desc?: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string;
  params?: KeyValue[];
  reference: KeyValue;
}

/**
 * The `{"Result": {...}}` envelope shared by B2C, reversal, balance and status. A list with one
 * entry travels as a single object, not an array (SPEC §1.4), and ReferenceItem always does.
 */
export function resultEnvelope(input: ResultInput): unknown {
  const result: Record<string, unknown> = {
    ResultType: 0,
    ResultCode: wireResultCode(input.code),
    ResultDesc: input.desc ?? initiatorDesc(input.code),
    OriginatorConversationID: input.originatorConversationId,
    ConversationID: input.conversationId,
    TransactionID: input.transactionId,
  };
  const params = input.params ?? [];
  if (params.length > 0) result.ResultParameters = { ResultParameter: params.length === 1 ? params[0] : params };
  result.ReferenceData = { ReferenceItem: input.reference };
  return { Result: result };
}
