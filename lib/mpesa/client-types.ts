import type { AmountLimits } from './amounts';
import type { RetryPolicy } from './http';
import type { PullQueryResult } from './pull-transactions';
import type { TokenStore } from './token-store';

/** Public types of the Daraja client. Amounts are integer cents; phones are anything a Kenyan would type. */

export type MpesaEnvironment = 'local' | 'sandbox' | 'production';

export interface DarajaClientConfig {
  environment: MpesaEnvironment;
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  b2cShortcode: string;
  passkey: string;
  initiatorName: string;
  securityCredential?: string;
  initiatorPassword?: string;
  certificatePath?: string;
  httpTimeoutMs: number;
  retry?: Partial<RetryPolicy>;
  /** Refresh the token this long before it expires (default 5 minutes). */
  tokenRefreshMarginMs?: number;
  amountLimits?: Partial<AmountLimits>;
  /** `CustomerPayBillOnline` (default) or `CustomerBuyGoodsOnline`; for tills PartyB is the till number. */
  stkTransactionType?: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  stkPartyB?: string;
}

export interface DarajaClientDeps {
  tokenStore?: TokenStore;
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface StkPushParams {
  phoneNumber: string;
  amountCents: number;
  accountReference: string;
  transactionDesc: string;
  callbackUrl: string;
}

export interface StkPushAck {
  merchantRequestId: string;
  checkoutRequestId: string;
  responseCode: string;
  responseDescription: string;
  customerMessage: string;
}

export type StkQueryResult =
  | { state: 'PENDING'; resultCode: string; resultDesc: string }
  | { state: 'FINAL'; resultCode: string; resultDesc: string; merchantRequestId: string; checkoutRequestId: string };

export type B2cCommandId = 'BusinessPayment' | 'SalaryPayment' | 'PromotionPayment';

export interface ResultUrls {
  resultUrl: string;
  queueTimeoutUrl: string;
}

export interface B2cPaymentParams extends ResultUrls {
  /** Our idempotency id (v3); Daraja answers 500.002.1001 if it is reused. Ignored by v1. */
  originatorConversationId: string;
  phoneNumber: string;
  amountCents: number;
  commandId: B2cCommandId;
  remarks: string;
  occasion?: string;
  version?: 'v3' | 'v1';
}

export interface ReversalParams extends ResultUrls {
  transactionId: string;
  amountCents: number;
  remarks: string;
  occasion?: string;
  /** The shortcode that received the payment (defaults to the configured shortcode). */
  receiverParty?: string;
}

export interface AccountBalanceParams extends ResultUrls {
  remarks: string;
  shortcode?: string;
}

export interface TransactionStatusParams extends ResultUrls {
  transactionId?: string;
  originalConversationId?: string;
  remarks: string;
  occasion?: string;
  partyA?: string;
  /** `1` MSISDN, `2` till, `4` shortcode (default). */
  identifierType?: '1' | '2' | '4';
}

export interface InitiatorAck {
  conversationId: string;
  originatorConversationId: string;
  responseCode: string;
  responseDescription: string;
}

export interface RegisterC2bParams {
  confirmationUrl: string;
  validationUrl: string;
  responseType: 'Completed' | 'Cancelled';
  version?: 'v1' | 'v2';
  shortcode?: string;
}

export interface SimulateC2bParams {
  amountCents: number;
  msisdn: string;
  billRefNumber: string;
  commandId?: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  version?: 'v1' | 'v2';
  shortcode?: string;
}

export interface C2bAck {
  originatorConversationId: string | null;
  conversationId: string | null;
  responseCode: string;
  responseDescription: string;
}

export interface DarajaClient {
  readonly environment: MpesaEnvironment;
  getAccessToken(): Promise<string>;
  stkPush(params: StkPushParams): Promise<StkPushAck>;
  stkQuery(params: { checkoutRequestId: string }): Promise<StkQueryResult>;
  b2cPayment(params: B2cPaymentParams): Promise<InitiatorAck>;
  reverseTransaction(params: ReversalParams): Promise<InitiatorAck>;
  queryAccountBalance(params: AccountBalanceParams): Promise<InitiatorAck>;
  queryTransactionStatus(params: TransactionStatusParams): Promise<InitiatorAck>;
  registerC2bUrls(params: RegisterC2bParams): Promise<C2bAck>;
  simulateC2b(params: SimulateC2bParams): Promise<C2bAck>;
  /** Pull Transactions register: `1000` registered, `1001` already registered (both fine). */
  registerPullTransactions(params: PullRegisterParams): Promise<PullRegisterResult>;
  /** Pull Transactions query: every page of the window, C2B rows only, one per receipt. */
  queryPullTransactions(params: PullQueryParams): Promise<PullQueryResult>;
}

export interface PullRegisterParams {
  /** The Safaricom number on the shortcode's KYC record; sent as `2547…` (the `07…` form has been refused). */
  nominatedNumber: string;
  /** Nothing is known to be posted to it, but Daraja wants one. */
  callbackUrl: string;
  shortcode?: string;
}

export type PullRegisterResult =
  | { outcome: 'registered' | 'already-registered'; status: string; description: string; responseRefId: string | null }
  | { outcome: 'refused'; status: string; description: string; responseRefId: string | null };

export interface PullQueryParams {
  /** The window, at most 48 hours (SPEC §9.5); sent as Nairobi wall-clock time. */
  from: Date;
  to: Date;
  shortcode?: string;
  /** How `OffSetValue` is sent: page numbers (default, as the local sandbox reads it) or a row offset. */
  offsetMode?: 'page' | 'row';
  maxPages?: number;
}

export type { PullQueryResult, PullTransaction } from './pull-transactions';
