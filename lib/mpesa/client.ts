import 'server-only';
import type { z } from 'zod';
import { DEFAULT_AMOUNT_LIMITS, toDarajaAmount, type AmountLimits } from './amounts';
import type * as T from './client-types';
import { DarajaError, isDarajaError, validationError, type DarajaApi } from './errors';
import { createTransport, DEFAULT_RETRY_POLICY, type DarajaRequest } from './http';
import { toDarajaMsisdn } from './msisdn';
import { createPullMethods } from './pull-client';
import { requireText, requireUrl } from './request-checks';
import { c2bAckSchema, initiatorAckSchema, stkPushAckSchema, stkQueryResponseSchema, tokenResponseSchema } from './responses';
import { createSecurityCredentialProvider } from './security-credential';
import { buildStkCredentials } from './stk-password';
import { createTokenManager } from './token-manager';
import { getProcessTokenStore } from './token-store';

export type * from './client-types';

// Gateway answers meaning "this bearer token is not (or no longer) valid" (SPEC §1.2, §2).
const INVALID_TOKEN_CODES = new Set(['404.001.03', '401.002.01', '400.003.01']);

function isInvalidToken(e: unknown): e is DarajaError {
  return isDarajaError(e) && e.errorCode !== null && INVALID_TOKEN_CODES.has(e.errorCode);
}

export function createDarajaClient(config: T.DarajaClientConfig, deps: T.DarajaClientDeps = {}): T.DarajaClient {
  const now = deps.now ?? (() => new Date());
  const transport = createTransport({
    baseUrl: config.baseUrl.replace(/\/$/, ''),
    timeoutMs: config.httpTimeoutMs,
    retry: { ...DEFAULT_RETRY_POLICY, ...config.retry },
    fetch: deps.fetch,
    sleep: deps.sleep,
  });
  const limits: AmountLimits = { ...DEFAULT_AMOUNT_LIMITS, ...config.amountLimits };
  const securityCredential = createSecurityCredentialProvider(config, deps.fetch);

  async function fetchToken() {
    const basic = Buffer.from(`${config.consumerKey}:${config.consumerSecret}`, 'utf8').toString('base64');
    try {
      const res = await transport.send({
        api: 'oauth',
        method: 'GET',
        path: '/oauth/v1/generate?grant_type=client_credentials',
        authorization: `Basic ${basic}`,
        idempotent: true,
        schema: tokenResponseSchema,
      });
      return { accessToken: res.access_token, expiresInSeconds: res.expires_in };
    } catch (e) {
      // Wrong key/secret: HTTP 400, sometimes with an empty body (SPEC §2).
      if (isDarajaError(e) && e.httpStatus !== null && e.httpStatus >= 400 && e.httpStatus < 500) {
        throw new DarajaError(`Daraja refused the consumer key/secret (${e.message})`, {
          kind: 'auth',
          api: 'oauth',
          httpStatus: e.httpStatus,
          errorCode: e.errorCode,
          requestId: e.requestId,
          retrySafe: true,
          responseBody: e.responseBody,
          cause: e,
        });
      }
      throw e;
    }
  }

  const tokens = createTokenManager({
    key: `daraja:${config.environment}:${config.baseUrl}:${config.consumerKey}`,
    store: deps.tokenStore ?? getProcessTokenStore(),
    fetchToken,
    refreshMarginMs: config.tokenRefreshMarginMs ?? 5 * 60_000,
    now: () => now().getTime(),
  });

  /** Sends with a bearer token; on an invalid-token answer refreshes once and retries once (the gateway refused it unprocessed). */
  async function call<S extends z.ZodType>(req: Omit<DarajaRequest<S>, 'authorization' | 'method'>): Promise<z.output<S>> {
    const token = await tokens.getToken();
    try {
      return await transport.send({ ...req, method: 'POST', authorization: `Bearer ${token}` });
    } catch (e) {
      if (!isInvalidToken(e)) throw e;
    }
    const fresh = await tokens.refreshAfterRejection(token);
    try {
      return await transport.send({ ...req, method: 'POST', authorization: `Bearer ${fresh}` });
    } catch (e) {
      if (!isInvalidToken(e)) throw e;
      throw new DarajaError(`Daraja rejected a freshly fetched token for ${req.api}: is the app subscribed to this API product?`, {
        kind: 'auth',
        api: req.api,
        httpStatus: e.httpStatus,
        errorCode: e.errorCode,
        requestId: e.requestId,
        retrySafe: true,
        cause: e,
      });
    }
  }

  function requireAccepted<A extends { responseCode: string; responseDescription: string }>(api: DarajaApi, ack: A): A {
    if (ack.responseCode !== '0') {
      throw new DarajaError(`Daraja ${api} refused the request: ${ack.responseCode} ${ack.responseDescription}`, {
        kind: 'rejected',
        api,
        httpStatus: 200,
        errorCode: ack.responseCode,
        retrySafe: true,
      });
    }
    return ack;
  }

  async function initiator(api: DarajaApi, path: string, body: Record<string, unknown>, idempotent: boolean): Promise<T.InitiatorAck> {
    const credential = await securityCredential();
    const ack = await call({ api, path, idempotent, schema: initiatorAckSchema, body: { ...body, SecurityCredential: credential } });
    return requireAccepted(api, {
      conversationId: ack.ConversationID,
      originatorConversationId: ack.OriginatorConversationID,
      responseCode: ack.ResponseCode,
      responseDescription: ack.ResponseDescription,
    });
  }

  const urls = (api: DarajaApi, p: T.ResultUrls) => ({
    ResultURL: requireUrl(p.resultUrl, { field: 'resultUrl', api }),
    QueueTimeOutURL: requireUrl(p.queueTimeoutUrl, { field: 'queueTimeoutUrl', api }),
  });

  return {
    ...createPullMethods({ call, shortcode: config.shortcode }),
    environment: config.environment,
    getAccessToken: () => tokens.getToken(),

    async stkPush(p) {
      const api = 'stk-push';
      const phone = toDarajaMsisdn(p.phoneNumber, api);
      const body = {
        BusinessShortCode: config.shortcode,
        ...buildStkCredentials({ shortcode: config.shortcode, passkey: config.passkey, now: now() }),
        TransactionType: config.stkTransactionType ?? 'CustomerPayBillOnline',
        Amount: toDarajaAmount({ api: 'stk', amountCents: p.amountCents, limits }),
        PartyA: phone,
        PartyB: config.stkPartyB ?? config.shortcode,
        PhoneNumber: phone,
        CallBackURL: requireUrl(p.callbackUrl, { field: 'callbackUrl', api }),
        // Docs say ≤12 characters but the gateway accepts more (SPEC §3.1): only emptiness is ours to refuse.
        AccountReference: requireText(p.accountReference, { field: 'accountReference', api }),
        // "Optional" in the docs, yet omitting it fails with `Invalid Remarks` (SPEC §3.1).
        TransactionDesc: requireText(p.transactionDesc, { field: 'transactionDesc', api }),
      };
      const ack = await call({ api, path: '/mpesa/stkpush/v1/processrequest', idempotent: false, schema: stkPushAckSchema, body });
      return requireAccepted(api, {
        merchantRequestId: ack.MerchantRequestID,
        checkoutRequestId: ack.CheckoutRequestID,
        responseCode: ack.ResponseCode,
        responseDescription: ack.ResponseDescription,
        customerMessage: ack.CustomerMessage,
      });
    },

    async stkQuery({ checkoutRequestId }) {
      const api = 'stk-query';
      const body = {
        BusinessShortCode: config.shortcode,
        ...buildStkCredentials({ shortcode: config.shortcode, passkey: config.passkey, now: now() }),
        CheckoutRequestID: requireText(checkoutRequestId, { field: 'checkoutRequestId', api }),
      };
      try {
        const res = await call({ api, path: '/mpesa/stkpushquery/v1/query', idempotent: true, schema: stkQueryResponseSchema, body });
        if (res.ResultCode === '4999') return { state: 'PENDING', resultCode: res.ResultCode, resultDesc: res.ResultDesc };
        return {
          state: 'FINAL',
          resultCode: res.ResultCode,
          resultDesc: res.ResultDesc,
          merchantRequestId: res.MerchantRequestID ?? '',
          checkoutRequestId: res.CheckoutRequestID ?? checkoutRequestId,
        };
      } catch (e) {
        // Legacy "still processing": HTTP 500 `500.001.1001 The transaction is being processed` (SPEC §4).
        if (isDarajaError(e) && e.errorCode === '500.001.1001' && /being processed/i.test(e.message)) {
          return { state: 'PENDING', resultCode: '500.001.1001', resultDesc: 'The transaction is being processed' };
        }
        throw e;
      }
    },

    async b2cPayment(p) {
      const api = 'b2c';
      const version = p.version ?? 'v3';
      const occasion = p.occasion?.trim();
      const body = {
        ...(version === 'v3' ? { OriginatorConversationID: requireText(p.originatorConversationId, { field: 'originatorConversationId', api }) } : {}),
        InitiatorName: config.initiatorName,
        CommandID: p.commandId,
        Amount: toDarajaAmount({ api: 'b2c', amountCents: p.amountCents, limits }),
        PartyA: config.b2cShortcode,
        PartyB: toDarajaMsisdn(p.phoneNumber, api),
        Remarks: requireText(p.remarks, { field: 'remarks', api, min: 2, max: 100 }),
        ...urls(api, p),
        // v2/v3 docs spell it `Occassion`; the 2017 v1 docs `Occasion` (SPEC §5.1).
        ...(occasion ? (version === 'v3' ? { Occassion: occasion } : { Occasion: occasion }) : {}),
      };
      return initiator(api, `/mpesa/b2c/${version}/paymentrequest`, body, false);
    },

    async reverseTransaction(p) {
      const api = 'reversal';
      const body = {
        Initiator: config.initiatorName,
        CommandID: 'TransactionReversal',
        TransactionID: requireText(p.transactionId, { field: 'transactionId', api }),
        Amount: toDarajaAmount({ api: 'reversal', amountCents: p.amountCents, limits }),
        ReceiverParty: p.receiverParty ?? config.shortcode,
        RecieverIdentifierType: '11', // sic: Daraja's spelling (SPEC §6)
        Remarks: requireText(p.remarks, { field: 'remarks', api, min: 2, max: 100 }),
        ...urls(api, p),
        ...(p.occasion?.trim() ? { Occasion: p.occasion.trim() } : {}),
      };
      return initiator(api, '/mpesa/reversal/v1/request', body, false);
    },

    async queryAccountBalance(p) {
      const api = 'account-balance';
      const body = {
        Initiator: config.initiatorName,
        CommandID: 'AccountBalance',
        PartyA: p.shortcode ?? config.shortcode,
        IdentifierType: '4',
        Remarks: requireText(p.remarks, { field: 'remarks', api, min: 2, max: 100 }),
        ...urls(api, p),
      };
      return initiator(api, '/mpesa/accountbalance/v1/query', body, true);
    },

    async queryTransactionStatus(p) {
      const api = 'transaction-status';
      const transactionId = p.transactionId?.trim();
      const originalConversationId = p.originalConversationId?.trim();
      if (!transactionId && !originalConversationId) throw validationError('Give a transactionId or an originalConversationId to look up', api);
      const body = {
        Initiator: config.initiatorName,
        CommandID: 'TransactionStatusQuery',
        ...(transactionId ? { TransactionID: transactionId } : {}),
        ...(originalConversationId ? { OriginalConversationID: originalConversationId } : {}),
        PartyA: p.partyA ?? config.shortcode,
        IdentifierType: p.identifierType ?? '4',
        Remarks: requireText(p.remarks, { field: 'remarks', api, min: 2, max: 100 }),
        ...urls(api, p),
        ...(p.occasion?.trim() ? { Occasion: p.occasion.trim() } : {}),
      };
      return initiator(api, '/mpesa/transactionstatus/v1/query', body, true);
    },

    async registerC2bUrls(p) {
      const api = 'c2b-register';
      const body = {
        ShortCode: p.shortcode ?? config.shortcode,
        ResponseType: p.responseType,
        ConfirmationURL: requireUrl(p.confirmationUrl, { field: 'confirmationUrl', api }),
        ValidationURL: requireUrl(p.validationUrl, { field: 'validationUrl', api }),
      };
      const ack = await call({ api, path: `/mpesa/c2b/${p.version ?? 'v1'}/registerurl`, idempotent: true, schema: c2bAckSchema, body });
      return requireAccepted(api, ack);
    },

    async simulateC2b(p) {
      const api = 'c2b-simulate';
      if (config.environment === 'production') throw validationError('C2B simulate exists only in the sandbox environments', api);
      const commandId = p.commandId ?? 'CustomerPayBillOnline';
      const body = {
        ShortCode: p.shortcode ?? config.shortcode,
        CommandID: commandId,
        Amount: toDarajaAmount({ api: 'c2b', amountCents: p.amountCents, limits }),
        Msisdn: toDarajaMsisdn(p.msisdn, api),
        BillRefNumber: commandId === 'CustomerPayBillOnline' ? requireText(p.billRefNumber, { field: 'billRefNumber', api, max: 20 }) : p.billRefNumber.trim(),
      };
      const ack = await call({ api, path: `/mpesa/c2b/${p.version ?? 'v1'}/simulate`, idempotent: false, schema: c2bAckSchema, body });
      return requireAccepted(api, ack);
    },
  };
}
