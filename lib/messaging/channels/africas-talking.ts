import { z } from 'zod';
import type { DeliveryOutcome, OutgoingSms } from './types';

/**
 * Africa's Talking's HTTP SMS API, as its documentation and SDKs put it on the wire: `POST {host}/version1/messaging`
 * with a form-encoded body (`username`, `to`, `message`, optional `from` = sender id), the key in an `apiKey`
 * header, `Accept: application/json`. It answers 201 with `SMSMessageData.Recipients[]`, one per number, each with
 * a numeric `statusCode` (100 Processed, 101 Sent, 102 Queued; 4xx/5xx refusals), `status`, `messageId`, `cost`.
 * Hosts: api.sandbox.africastalking.com (username `sandbox`) and api.africastalking.com; locally the Daraja sandbox.
 * The SMS API takes no idempotency key (only the airtime API does), hence the `unknown` outcome.
 */

const recipientSchema = z.object({
  statusCode: z.coerce.number().int(),
  number: z.string(),
  status: z.string(),
  cost: z.string().optional(),
  messageId: z.string().optional(),
});
const responseSchema = z.object({ SMSMessageData: z.object({ Message: z.string().optional(), Recipients: z.array(recipientSchema) }) });

const ACCEPTED = new Set([100, 101, 102]);
// The number itself is refused (invalid, unsupported, blacklisted, do-not-disturb): sending again changes nothing.
const PERMANENT = new Set([403, 404, 406, 409]);
// Errors raised before any byte of the request left: safe to send again.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export function toAtNumber(msisdn: string): string {
  return msisdn.startsWith('+') ? msisdn : `+${msisdn}`;
}

function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  const own = (error as { code?: unknown } | null)?.code;
  return typeof own === 'string' ? own : undefined;
}

export async function sendAfricasTalkingSms(
  { account, to, text }: OutgoingSms,
  { fetchImpl = fetch, timeoutMs = 15_000 }: { fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): Promise<DeliveryOutcome> {
  const form = new URLSearchParams({ username: account.username, to: toAtNumber(to), message: text });
  if (account.senderId) form.set('from', account.senderId);
  let response: Response;
  try {
    response = await fetchImpl(`${account.baseUrl}/version1/messaging`, {
      method: 'POST',
      headers: { apiKey: account.apiKey, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const code = errorCode(error);
    if (code && NOT_SENT_CODES.has(code)) return { kind: 'retry', error: `Africa's Talking unreachable (${code})` };
    return { kind: 'unknown', error: `No answer from Africa's Talking after the request was sent (${code ?? (error instanceof Error ? error.name : 'error')})` };
  }
  const raw = await response.text().catch(() => '');
  if (response.status !== 200 && response.status !== 201) {
    const detail = `Africa's Talking answered HTTP ${response.status}: ${raw.slice(0, 200)}`;
    // 400 is a request we built wrong: the same request will be refused again.
    return response.status === 400 ? { kind: 'failed', error: detail } : { kind: 'retry', error: detail };
  }
  let parsed: z.infer<typeof responseSchema>;
  try {
    parsed = responseSchema.parse(JSON.parse(raw));
  } catch {
    return { kind: 'unknown', error: `Unreadable answer from Africa's Talking: ${raw.slice(0, 200)}` };
  }
  const recipient = parsed.SMSMessageData.Recipients[0];
  if (!recipient) return { kind: 'failed', error: parsed.SMSMessageData.Message ?? 'No recipient accepted' };
  const status = `${recipient.statusCode} ${recipient.status}${recipient.cost ? ` (${recipient.cost})` : ''}`;
  if (ACCEPTED.has(recipient.statusCode)) return { kind: 'sent', providerMessageId: recipient.messageId ?? null, providerStatus: status };
  return PERMANENT.has(recipient.statusCode) ? { kind: 'failed', error: status } : { kind: 'retry', error: status };
}
