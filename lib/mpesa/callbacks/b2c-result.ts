import { darajaMoneyToCents } from '../amounts';
import { findParam, paramString, parseCallbackBody } from './parse-helpers';
import { paramDate, readResultHeader, resultEnvelopeSchema, type ResultHeader } from './result-envelope';

/** B2C result posted to ResultURL (SPEC §5.3). Failed results carry no ResultParameters. */

export const b2cResultSchema = resultEnvelopeSchema;

export interface B2cResult extends ResultHeader {
  amountCents?: number;
  transactionReceipt?: string;
  receiverPartyPublicName?: string;
  receiverPhone?: string;
  receiverName?: string;
  completedAt?: Date;
  utilityAccountAvailableCents?: number;
  workingAccountAvailableCents?: number;
  chargesPaidAccountAvailableCents?: number;
  recipientIsRegistered?: boolean;
  raw: unknown;
}

/** `254708374149 - John Doe` → phone and name (either side may be missing or masked). */
export function splitPublicName(value: string | undefined): { phone?: string; name?: string } {
  if (!value) return {};
  const idx = value.indexOf(' - ');
  if (idx < 0) return /^\d+$/.test(value) ? { phone: value } : { name: value };
  return { phone: value.slice(0, idx).trim() || undefined, name: value.slice(idx + 3).trim() || undefined };
}

const cents = (v: unknown) => darajaMoneyToCents(v) ?? undefined;

export function parseB2cResult(body: unknown): B2cResult {
  const { params, ...header } = readResultHeader(parseCallbackBody(b2cResultSchema, body, 'B2C result'));
  const publicName = paramString(params, 'ReceiverPartyPublicName');
  const { phone, name } = splitPublicName(publicName);
  const registered = paramString(params, 'B2CRecipientIsRegisteredCustomer');
  return {
    ...header,
    amountCents: cents(findParam(params, 'TransactionAmount')),
    transactionReceipt: paramString(params, 'TransactionReceipt'),
    receiverPartyPublicName: publicName,
    receiverPhone: phone,
    receiverName: name,
    completedAt: paramDate(params, 'TransactionCompletedDateTime'),
    utilityAccountAvailableCents: cents(findParam(params, 'B2CUtilityAccountAvailableFunds')),
    workingAccountAvailableCents: cents(findParam(params, 'B2CWorkingAccountAvailableFunds')),
    chargesPaidAccountAvailableCents: cents(findParam(params, 'B2CChargesPaidAccountAvailableFunds')),
    recipientIsRegistered: registered === undefined ? undefined : registered.toUpperCase() === 'Y',
    raw: body,
  };
}
