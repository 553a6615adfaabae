import { darajaMoneyToCents } from '../amounts';
import { DarajaCallbackError } from '../errors';
import { parseAccountBalanceString, type BalanceAccount } from './account-balance-string';
import { findParam, paramString, parseCallbackBody } from './parse-helpers';
import { paramDate, readResultHeader, resultEnvelopeSchema, type ResultHeader } from './result-envelope';

/** Reversal result posted to ResultURL (SPEC §6). The 2017 sample has no parameters at all. */

export const reversalResultSchema = resultEnvelopeSchema;

export interface ReversalResult extends ResultHeader {
  amountCents?: number;
  chargeCents?: number;
  originalTransactionId?: string;
  completedAt?: Date;
  creditPartyPublicName?: string;
  debitPartyPublicName?: string;
  debitAccountBalance?: BalanceAccount[];
  raw: unknown;
}

export function parseReversalResult(body: unknown): ReversalResult {
  const { params, ...header } = readResultHeader(parseCallbackBody(reversalResultSchema, body, 'reversal result'));
  const balance = paramString(params, 'DebitAccountBalance');
  let debitAccountBalance: BalanceAccount[] | undefined;
  try {
    debitAccountBalance = balance ? parseAccountBalanceString(balance) : undefined;
  } catch (e) {
    throw new DarajaCallbackError('reversal result', [`Result.ResultParameters.DebitAccountBalance: ${(e as Error).message}`]);
  }
  return {
    ...header,
    amountCents: darajaMoneyToCents(findParam(params, 'Amount')) ?? undefined,
    chargeCents: darajaMoneyToCents(findParam(params, 'Charge')) ?? undefined,
    originalTransactionId: paramString(params, 'OriginalTransactionID'),
    completedAt: paramDate(params, 'TransCompletedTime'),
    creditPartyPublicName: paramString(params, 'CreditPartyPublicName'),
    debitPartyPublicName: paramString(params, 'DebitPartyPublicName'),
    debitAccountBalance,
    raw: body,
  };
}
