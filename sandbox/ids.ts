import { randomBytes, randomInt } from 'node:crypto';
import { receiptDatePrefix } from '../db/demo-payments';
import { darajaTimestamp, eatDate, eatParts } from './time';

const hex = (chars: number): string => randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);

// SPEC §1.3: the counter suffix is a 4–7 digit decimal that keeps growing.
let counter = randomInt(1000, 99_999);

/**
 * The 2024+ gateway id (MerchantRequestID, requestId, gateway OriginatorConversationID):
 * a UUID v4 without its first group, then a decimal counter, e.g. `f1e2-4b95-a71d-b30d3cdbb7a7942864`.
 */
export function gatewayId(): string {
  counter = counter >= 9_999_999 ? 1000 : counter + 1;
  const variant = '89ab'[randomInt(4)] ?? '8';
  return `${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}${counter}`;
}

/** The 2017–2023 form, still what B2C v1 hands out as OriginatorConversationID: `16740-34861180-1`. */
export function legacyGatewayId(): string {
  return `${randomInt(1000, 99_999)}-${randomInt(10_000, 99_999_999)}-1`;
}

/** `ws_CO_` + DDMMYYYYHHmmss + unpadded milliseconds + the payer's 9-digit national number. */
export function checkoutRequestId(msisdn: string, at: Date): string {
  const p = eatParts(at);
  const ts = darajaTimestamp(at);
  const ddmmyyyy = `${ts.slice(6, 8)}${ts.slice(4, 6)}${ts.slice(0, 4)}`;
  return `ws_CO_${ddmmyyyy}${ts.slice(8)}${p.ms}${msisdn.slice(-9)}`;
}

/** `AG_` + YYYYMMDD + `_` + 20 lowercase hex characters. */
export function conversationId(at: Date): string {
  return `AG_${eatDate(at)}_${hex(20)}`;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Year letter (L = 2017), month letter (A = Jan), day character (1–9, A = 10 … V = 31); shared with the demo seed. */
export const receiptPrefix = receiptDatePrefix;

export function receiptNumber(at: Date): string {
  let rest = '';
  for (let i = 0; i < 7; i += 1) rest += ALNUM[randomInt(ALNUM.length)];
  return `${receiptPrefix(at)}${rest}`;
}

/** Results that created no transaction carry the dated prefix and zeros, e.g. `NLJ0000000`. */
export function placeholderReceipt(at: Date): string {
  return `${receiptPrefix(at)}0000000`;
}

export function accessToken(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let token = '';
  for (let i = 0; i < 28; i += 1) token += letters[randomInt(letters.length)];
  return token;
}
