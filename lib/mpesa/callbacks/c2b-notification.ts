import { z } from 'zod';
import { darajaMoneyToCents } from '../amounts';
import { tryParseDarajaTimestamp } from '../timestamp';
import { idSchema, parseCallbackBody } from './parse-helpers';

/**
 * C2B validation and confirmation requests (SPEC §9.2): flat JSON, same fields for both. `TransAmount` is a string
 * (`"10"`, `"5.00"`); `MSISDN` is SHA-256-hashed (v1), masked (v2) or plain (2017 sandbox samples).
 */

const optionalText = z
  .union([z.string(), z.number()])
  .nullable()
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v)));

export const c2bNotificationSchema = z.looseObject({
  TransactionType: optionalText,
  TransID: idSchema,
  TransTime: z.union([z.string(), z.number()]).transform((v, ctx) => {
    const d = tryParseDarajaTimestamp(v);
    if (!d) ctx.addIssue({ code: 'custom', message: `not a Daraja time (YYYYMMDDHHmmss): ${String(v)}` });
    return d ?? new Date(NaN);
  }),
  TransAmount: z.union([z.string(), z.number()]).transform((v, ctx) => {
    const c = darajaMoneyToCents(v);
    if (c === null || c <= 0) ctx.addIssue({ code: 'custom', message: `not a positive amount: ${String(v)}` });
    return c ?? 0;
  }),
  BusinessShortCode: idSchema,
  BillRefNumber: optionalText,
  InvoiceNumber: optionalText,
  OrgAccountBalance: optionalText,
  ThirdPartyTransID: optionalText,
  MSISDN: idSchema,
  FirstName: optionalText,
  MiddleName: optionalText,
  LastName: optionalText,
});

export type MsisdnForm = 'plain' | 'masked' | 'hashed';

export interface C2bNotification {
  kind: 'validation' | 'confirmation';
  transactionType: string;
  transId: string;
  transTime: Date;
  amountCents: number;
  businessShortCode: string;
  billRefNumber: string;
  invoiceNumber: string;
  /** The new utility balance on confirmation; absent on validation (sent as ""). */
  orgAccountBalanceCents?: number;
  thirdPartyTransId: string;
  msisdn: string;
  msisdnForm: MsisdnForm;
  firstName: string;
  middleName: string;
  lastName: string;
  raw: unknown;
}

function msisdnForm(msisdn: string): MsisdnForm {
  if (/^[0-9a-f]{64}$/i.test(msisdn)) return 'hashed';
  if (/^\+?\d{9,15}$/.test(msisdn)) return 'plain';
  return 'masked';
}

function toNotification(kind: C2bNotification['kind'], body: unknown): C2bNotification {
  const n = parseCallbackBody(c2bNotificationSchema, body, `C2B ${kind}`);
  const msisdn = n.MSISDN.trim();
  return {
    kind,
    transactionType: n.TransactionType,
    transId: n.TransID,
    transTime: n.TransTime,
    amountCents: n.TransAmount,
    businessShortCode: n.BusinessShortCode,
    billRefNumber: n.BillRefNumber.trim(),
    invoiceNumber: n.InvoiceNumber,
    orgAccountBalanceCents: darajaMoneyToCents(n.OrgAccountBalance) ?? undefined,
    thirdPartyTransId: n.ThirdPartyTransID,
    msisdn,
    msisdnForm: msisdnForm(msisdn),
    firstName: n.FirstName,
    middleName: n.MiddleName,
    lastName: n.LastName,
    raw: body,
  };
}

export const parseC2bValidation = (body: unknown) => toNotification('validation', body);
export const parseC2bConfirmation = (body: unknown) => toNotification('confirmation', body);

/** What our validation URL answers (SPEC §9.3): `"0"` accepts; `C2B00011`–`C2B00016` reject. */
export type C2bValidationCode = '0' | 'C2B00011' | 'C2B00012' | 'C2B00013' | 'C2B00014' | 'C2B00015' | 'C2B00016';

export function buildC2bValidationReply({ code, thirdPartyTransId }: { code: C2bValidationCode; thirdPartyTransId?: string }) {
  return {
    ResultCode: code,
    ResultDesc: code === '0' ? 'Accepted' : 'Rejected',
    ...(thirdPartyTransId ? { ThirdPartyTransID: thirdPartyTransId } : {}),
  };
}

export const C2B_CONFIRMATION_REPLY = { ResultCode: 0, ResultDesc: 'Success' } as const;
