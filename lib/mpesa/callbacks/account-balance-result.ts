import { DarajaCallbackError } from '../errors';
import { parseAccountBalanceString, type BalanceAccount } from './account-balance-string';
import { paramString, parseCallbackBody } from './parse-helpers';
import { paramDate, readResultHeader, resultEnvelopeSchema, type ResultHeader } from './result-envelope';

/**
 * Account balance result (SPEC §7). `BOCompletedTime` is a string or (2017) a number. Failures such as 8006 may still
 * carry `ActionType`, `ErrorMsg` and `BOCompletedTime`.
 */

export { parseAccountBalanceString, type BalanceAccount } from './account-balance-string';

export const accountBalanceResultSchema = resultEnvelopeSchema;

export interface AccountBalanceResult extends ResultHeader {
  accounts: BalanceAccount[];
  completedAt?: Date;
  errorMessage?: string;
  raw: unknown;
}

export function parseAccountBalanceResult(body: unknown): AccountBalanceResult {
  const { params, ...header } = readResultHeader(parseCallbackBody(accountBalanceResultSchema, body, 'account balance result'));
  const balance = paramString(params, 'AccountBalance');
  let accounts: BalanceAccount[] = [];
  try {
    accounts = balance ? parseAccountBalanceString(balance) : [];
  } catch (e) {
    throw new DarajaCallbackError('account balance result', [`Result.ResultParameters.AccountBalance: ${(e as Error).message}`]);
  }
  if (header.resultCode === '0' && accounts.length === 0) {
    throw new DarajaCallbackError('account balance result', ['Result.ResultParameters: a successful result has no AccountBalance']);
  }
  return { ...header, accounts, completedAt: paramDate(params, 'BOCompletedTime'), errorMessage: paramString(params, 'ErrorMsg'), raw: body };
}
