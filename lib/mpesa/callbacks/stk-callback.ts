import { z } from 'zod';
import { darajaMoneyToCents } from '../amounts';
import { tryParseDarajaTimestamp } from '../timestamp';
import { codeSchema, collectParameters, findParam, nameItemSchema, oneOrMany, paramString, parseCallbackBody, type ParamValue } from './parse-helpers';

/**
 * STK push result, POSTed to CallBackURL as `Body.stkCallback` (SPEC §3.4). `ResultCode` is a number on the wire;
 * `CallbackMetadata` only comes with code 0, and its `Balance` item usually has no `Value` at all.
 */

export const stkCallbackSchema = z.looseObject({
  Body: z.looseObject({
    stkCallback: z.looseObject({
      MerchantRequestID: z.string(),
      CheckoutRequestID: z.string(),
      ResultCode: codeSchema,
      ResultDesc: z.string().optional().default(''),
      CallbackMetadata: z
        .looseObject({ Item: oneOrMany(nameItemSchema).optional() })
        .nullable()
        .optional(),
    }),
  }),
});

export interface StkCallback {
  merchantRequestId: string;
  checkoutRequestId: string;
  resultCode: string;
  resultDesc: string;
  amountCents?: number;
  mpesaReceiptNumber?: string;
  transactionDate?: Date;
  phoneNumber?: string;
  metadata: Record<string, ParamValue>;
  raw: unknown;
}

export function parseStkCallback(body: unknown): StkCallback {
  const cb = parseCallbackBody(stkCallbackSchema, body, 'STK callback').Body.stkCallback;
  const params = collectParameters((cb.CallbackMetadata?.Item ?? []).map((i) => ({ key: i.Name, value: i.Value })));
  const amountCents = darajaMoneyToCents(findParam(params, 'Amount')) ?? undefined;
  const date = paramString(params, 'TransactionDate');
  return {
    merchantRequestId: cb.MerchantRequestID,
    checkoutRequestId: cb.CheckoutRequestID,
    resultCode: cb.ResultCode,
    resultDesc: cb.ResultDesc,
    amountCents,
    mpesaReceiptNumber: paramString(params, 'MpesaReceiptNumber'),
    transactionDate: date === undefined ? undefined : (tryParseDarajaTimestamp(date) ?? undefined),
    phoneNumber: paramString(params, 'PhoneNumber'),
    metadata: params.record,
    raw: body,
  };
}
