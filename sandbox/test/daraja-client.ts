import { SANDBOX_DEMO } from '../../tests/support/sandbox-process';

/** A bare client written from SPEC.md only, used to talk to the sandbox over HTTP in tests. */

export interface WireResponse {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

export async function wire(url: string, init: RequestInit = {}): Promise<WireResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json, headers: res.headers };
}

export async function getToken(base: string): Promise<string> {
  const basic = Buffer.from(`${SANDBOX_DEMO.consumerKey}:${SANDBOX_DEMO.consumerSecret}`).toString('base64');
  const r = await wire(`${base}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } });
  return (r.json as { access_token: string }).access_token;
}

export function post(base: string, path: string, token: string, body: unknown): Promise<WireResponse> {
  return wire(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function eatTimestamp(d = new Date()): string {
  return new Date(d.getTime() + 3 * 3600 * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function stkPassword(timestamp: string, shortcode: string = SANDBOX_DEMO.shortcode, passkey: string = SANDBOX_DEMO.passkey): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`).toString('base64');
}

export function stkBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = eatTimestamp();
  return {
    BusinessShortCode: 174379,
    Password: stkPassword(ts),
    Timestamp: ts,
    TransactionType: 'CustomerPayBillOnline',
    Amount: 1,
    PartyA: '254712345678',
    PartyB: '174379',
    PhoneNumber: '254712345678',
    CallBackURL: 'http://127.0.0.1:9/cb',
    AccountReference: 'HSE-12',
    TransactionDesc: 'Rent',
    ...overrides,
  };
}

export function stkQueryBody(checkoutRequestId: string): Record<string, unknown> {
  const ts = eatTimestamp();
  return { BusinessShortCode: '174379', Password: stkPassword(ts), Timestamp: ts, CheckoutRequestID: checkoutRequestId };
}

export function b2cBody(credential: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    OriginatorConversationID: `haven-${Math.random().toString(36).slice(2)}`,
    InitiatorName: 'testapi',
    SecurityCredential: credential,
    CommandID: 'BusinessPayment',
    Amount: 100,
    PartyA: '174379',
    PartyB: '254712345678',
    Remarks: 'Deposit refund',
    QueueTimeOutURL: 'http://127.0.0.1:9/timeout',
    ResultURL: 'http://127.0.0.1:9/result',
    Occassion: 'Refund',
    ...overrides,
  };
}

export function reversalBody(credential: string, receipt: string, amount: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Initiator: 'testapi',
    SecurityCredential: credential,
    CommandID: 'TransactionReversal',
    TransactionID: receipt,
    Amount: amount,
    ReceiverParty: '174379',
    RecieverIdentifierType: '11',
    ResultURL: 'http://127.0.0.1:9/result',
    QueueTimeOutURL: 'http://127.0.0.1:9/timeout',
    Remarks: 'Wrong payment',
    Occasion: '',
    ...overrides,
  };
}

export function balanceBody(credential: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Initiator: 'testapi',
    SecurityCredential: credential,
    CommandID: 'AccountBalance',
    PartyA: '174379',
    IdentifierType: '4',
    Remarks: 'Balance check',
    QueueTimeOutURL: 'http://127.0.0.1:9/timeout',
    ResultURL: 'http://127.0.0.1:9/result',
    ...overrides,
  };
}

export function statusBody(credential: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Initiator: 'testapi',
    SecurityCredential: credential,
    CommandID: 'TransactionStatusQuery',
    PartyA: '174379',
    IdentifierType: '4',
    ResultURL: 'http://127.0.0.1:9/result',
    QueueTimeOutURL: 'http://127.0.0.1:9/timeout',
    Remarks: 'Status check',
    Occasion: 'Recon',
    ...overrides,
  };
}

/** `{Name|Key, Value}` lists arrive as an array or, with one entry, a single object. */
export function asList<T>(v: T | T[] | undefined): T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export interface ResultBody {
  Result: {
    ResultType: number;
    ResultCode: number | string;
    ResultDesc: string;
    OriginatorConversationID: string;
    ConversationID: string;
    TransactionID: string;
    ResultParameters?: { ResultParameter: { Key: string; Value?: unknown } | { Key: string; Value?: unknown }[] };
    ReferenceData: { ReferenceItem: { Key: string; Value?: unknown } };
  };
}

export function param(body: ResultBody, key: string): unknown {
  return asList(body.Result.ResultParameters?.ResultParameter).find((p) => p.Key === key)?.Value;
}
