import 'server-only';
import type { z } from 'zod';
import type * as T from './client-types';
import { isDarajaError, validationError } from './errors';
import type { DarajaRequest } from './http';
import { toDarajaMsisdn } from './msisdn';
import { collectPullPages, formatPullDate, PULL_MAX_WINDOW_MS, type PullQueryResult } from './pull-transactions';
import { pullQueryResponseSchema, pullRegisterResponseSchema } from './pull-transactions-schema';
import { requireUrl } from './request-checks';

type Call = <S extends z.ZodType>(req: Omit<DarajaRequest<S>, 'authorization' | 'method'>) => Promise<z.output<S>>;

/** Pull Transactions (SPEC §9.5): `/pulltransactions/v1/…`, no `/mpesa` prefix, bearer token, no initiator. */
export function createPullMethods({ call, shortcode }: { call: Call; shortcode: string }) {
  return {
    async registerPullTransactions(p: T.PullRegisterParams): Promise<T.PullRegisterResult> {
      const api = 'pull-register';
      const body = {
        ShortCode: p.shortcode ?? shortcode,
        RequestType: 'Pull',
        NominatedNumber: toDarajaMsisdn(p.nominatedNumber, api),
        CallBackURL: requireUrl(p.callbackUrl, { field: 'callbackUrl', api }),
      };
      const res = await call({ api, path: '/pulltransactions/v1/register', idempotent: true, schema: pullRegisterResponseSchema, body });
      const outcome = res.status === '1000' ? 'registered' : res.status === '1001' ? 'already-registered' : 'refused';
      return { outcome, status: res.status, description: res.description, responseRefId: res.responseRefId };
    },

    async queryPullTransactions(p: T.PullQueryParams): Promise<PullQueryResult> {
      const api = 'pull-query';
      const span = p.to.getTime() - p.from.getTime();
      if (!(span > 0)) throw validationError('The Pull window must end after it starts', api);
      if (span > PULL_MAX_WINDOW_MS) throw validationError('Pull Transactions lists at most 48 hours at a time', api);
      const base = { ShortCode: p.shortcode ?? shortcode, StartDate: formatPullDate(p.from), EndDate: formatPullDate(p.to) };
      try {
        return await collectPullPages({
          offsetMode: p.offsetMode,
          maxPages: p.maxPages,
          async fetchPage(offset) {
            // HTTP 500 "Failed to retrieve transactions" is an answer with its own envelope, not an outage.
            const body = await call({ api, path: '/pulltransactions/v1/query', idempotent: true, schema: pullQueryResponseSchema, answerStatuses: [500], body: { ...base, OffSetValue: offset } });
            return { httpStatus: body.ResponseCode === '500' ? 500 : 200, body };
          },
        });
      } catch (e) {
        if (!isDarajaError(e) || e.kind === 'validation' || e.kind === 'auth') throw e;
        return { outcome: 'failed', httpStatus: e.httpStatus, responseCode: e.errorCode, message: e.message, requestId: e.requestId, transactionsSoFar: [] };
      }
    },
  };
}
