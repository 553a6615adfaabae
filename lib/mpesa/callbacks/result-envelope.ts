import { z } from 'zod';
import { tryParseDarajaTimestamp } from '../timestamp';
import { codeSchema, collectParameters, findParam, idSchema, keyItemSchema, oneOrMany, paramString, parseCallbackBody, type Parameters } from './parse-helpers';

/**
 * The `{"Result": {...}}` envelope every initiator API (B2C, reversal, balance, status) posts to its ResultURL
 * (SPEC §5.3). Lists may be single objects, items may lack `Value`, extra fields are kept (loose objects).
 */

const keyValueList = z
  .looseObject({ ResultParameter: oneOrMany(keyItemSchema).optional() })
  .nullable()
  .optional();

export const resultEnvelopeSchema = z.looseObject({
  Result: z.looseObject({
    ResultType: codeSchema.optional(),
    ResultCode: codeSchema,
    ResultDesc: z.string().optional().default(''),
    OriginatorConversationID: idSchema,
    ConversationID: idSchema,
    TransactionID: idSchema.nullable().optional(),
    ResultParameters: keyValueList,
    ReferenceData: z
      .looseObject({ ReferenceItem: oneOrMany(keyItemSchema).optional() })
      .nullable()
      .optional(),
  }),
});

export type ResultEnvelopeBody = z.output<typeof resultEnvelopeSchema>;

export type ResultKind = 'b2c' | 'reversal' | 'balance' | 'status' | 'unknown';

export interface ResultHeader {
  resultType: string | null;
  resultCode: string;
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string | null;
  parameters: Record<string, string | number | null>;
  parameterList: Parameters['list'];
  referenceData: Record<string, string | number | null>;
}

export function readResultHeader(body: ResultEnvelopeBody): ResultHeader & { params: Parameters } {
  const r = body.Result;
  const params = collectParameters((r.ResultParameters?.ResultParameter ?? []).map((i) => ({ key: i.Key, value: i.Value })));
  const ref = collectParameters((r.ReferenceData?.ReferenceItem ?? []).map((i) => ({ key: i.Key, value: i.Value })));
  const transactionId = r.TransactionID ? r.TransactionID : null;
  return {
    resultType: r.ResultType ?? null,
    resultCode: r.ResultCode,
    resultDesc: r.ResultDesc,
    originatorConversationId: r.OriginatorConversationID,
    conversationId: r.ConversationID,
    transactionId,
    parameters: params.record,
    parameterList: params.list,
    referenceData: ref.record,
    params,
  };
}

/** Guesses which API a result answers, from its parameters or Safaricom's internal reference URL. */
export function guessResultKind(header: ResultHeader & { params: Parameters }): ResultKind {
  const has = (...names: string[]) => findParam(header.params, ...names) !== undefined;
  if (has('AccountBalance', 'BOCompletedTime')) return 'balance';
  if (has('TransactionAmount', 'B2CRecipientIsRegisteredCustomer', 'B2CUtilityAccountAvailableFunds')) return 'b2c';
  if (has('OriginalTransactionID', 'DebitAccountBalance')) return 'reversal';
  if (has('ReceiptNo', 'TransactionStatus', 'FinalisedTime', 'FinalizedTime')) return 'status';
  const refUrl = Object.values(header.referenceData).map(String).join(' ');
  if (/b2cresults/i.test(refUrl)) return 'b2c';
  if (/reversalresults/i.test(refUrl)) return 'reversal';
  if (/abresults/i.test(refUrl)) return 'balance';
  return 'unknown';
}

export interface ResultEnvelope extends ResultHeader {
  kind: ResultKind;
  raw: unknown;
}

/** Tells which conversation a Result belongs to (for the callback inbox) without knowing the API in advance. */
export function parseResultEnvelope(body: unknown): ResultEnvelope {
  const parsed = parseCallbackBody(resultEnvelopeSchema, body, 'result');
  const { params, ...header } = readResultHeader(parsed);
  return { ...header, kind: guessResultKind({ ...header, params }), raw: body };
}

/** A Daraja time parameter (string or number) as a Date, or undefined. */
export function paramDate(params: Parameters, ...names: string[]): Date | undefined {
  const v = paramString(params, ...names);
  return v === undefined ? undefined : (tryParseDarajaTimestamp(v) ?? undefined);
}
