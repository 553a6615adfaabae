import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Sandbox } from '../context';
import { parse } from '../control';
import { jsonReply, type Reply } from '../http';

/**
 * Africa's Talking's SMS API (`POST /version1/messaging`), answered the way AT does, so Haven's SMS client talks to
 * this exactly as to api.sandbox.africastalking.com: form-encoded `username`, `to` (comma-separated, +254…),
 * `message`, optional `from`; the key in an `apiKey` header; 201 with `SMSMessageData.Recipients[]`. Every SMS
 * accepted for a known subscriber lands in their inbox on the virtual phone, beside M-Pesa's. Not Daraja: AT's own
 * error shapes (plain-text 401 and 400), no OAuth.
 */

export const AT_DEMO_ACCOUNT = { username: 'sandbox', apiKey: 'haven_local_at_api_key' } as const;
/** AT's shared sender when an account has none of its own. */
export const AT_DEFAULT_SENDER = 'AFRICASTKNG';
const COST_PER_PART = 0.8;

export interface AtMessage {
  messageId: string;
  username: string;
  to: string;
  from: string;
  text: string;
  statusCode: number;
  status: string;
  at: string;
}

const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http-error'), status: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(500), times: z.number().int().positive().default(1) }).strict(),
  z.object({ kind: z.literal('recipient-status'), statusCode: z.number().int().min(400).max(599), times: z.number().int().positive().default(1) }).strict(),
  z.object({ kind: z.literal('delay'), delayMs: z.number().int().min(0).max(120_000), times: z.number().int().positive().default(1) }).strict(),
]);
type AtFault = z.infer<typeof faultSchema>;
const accountSchema = z.object({ username: z.string().min(1), apiKey: z.string().min(1) }).strict();

const STATUS_NAMES: Record<number, string> = {
  401: 'RiskHold', 402: 'InvalidSenderId', 403: 'InvalidPhoneNumber', 404: 'UnsupportedNumberType', 405: 'InsufficientBalance',
  406: 'UserInBlacklist', 407: 'CouldNotRoute', 409: 'DoNotDisturbRejection', 500: 'InternalServerError', 501: 'GatewayError', 502: 'RejectedByGateway',
};

export class AfricasTalkingState {
  accounts = new Map<string, string>([[AT_DEMO_ACCOUNT.username, AT_DEMO_ACCOUNT.apiKey]]);
  messages: AtMessage[] = [];
  faults: AtFault[] = [];

  reset(): void {
    this.accounts = new Map([[AT_DEMO_ACCOUNT.username, AT_DEMO_ACCOUNT.apiKey]]);
    this.messages = [];
    this.faults = [];
  }

  takeFault<K extends AtFault['kind']>(kind: K): Extract<AtFault, { kind: K }> | undefined {
    const index = this.faults.findIndex((f) => f.kind === kind);
    if (index < 0) return undefined;
    const fault = this.faults[index] as Extract<AtFault, { kind: K }>;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

const text = (status: number, body: string): Reply => ({ status, body, contentType: 'text/plain; charset=utf-8' });

/** SMS parts as AT bills them: 160 characters in one, 153 per part after (GSM-7; accents are close enough here). */
function parts(message: string): number {
  return message.length <= 160 ? 1 : Math.ceil(message.length / 153);
}

export async function handleAtMessaging(sandbox: Sandbox, method: string, headers: Record<string, string | string[] | undefined>, raw: string): Promise<Reply> {
  const at = sandbox.africasTalking;
  if (method !== 'POST') return text(405, 'Method Not Allowed');
  const delay = at.takeFault('delay');
  if (delay) await new Promise((r) => setTimeout(r, delay.delayMs));
  const httpError = at.takeFault('http-error');
  if (httpError) return text(httpError.status, httpError.status === 500 ? 'Internal Server Error' : 'Bad Gateway');
  const form = new URLSearchParams(raw);
  const username = form.get('username') ?? '';
  const apiKey = headers.apikey;
  if (!username || typeof apiKey !== 'string' || at.accounts.get(username) !== apiKey) return text(401, 'The supplied authentication is invalid');
  for (const field of ['to', 'message'] as const) if (!form.get(field)) return text(400, `Request is missing required form field '${field}'`);
  const message = form.get('message')!;
  const from = form.get('from') || AT_DEFAULT_SENDER;
  const forced = at.takeFault('recipient-status');
  const now = new Date();
  const recipients = form.get('to')!.split(',').map((n) => n.trim()).filter(Boolean).map((number) => {
    const msisdn = number.replace(/^\+/, '');
    const statusCode = forced?.statusCode ?? (!/^254[17]\d{8}$/.test(msisdn) ? 403 : /^[A-Za-z0-9 ]{3,11}$/.test(from) ? 101 : 402);
    const ok = statusCode === 101;
    const messageId = ok ? `ATXid_${randomBytes(16).toString('hex')}` : 'None';
    const status = ok ? 'Success' : STATUS_NAMES[statusCode] ?? 'Failed';
    if (ok) {
      at.messages.push({ messageId, username, to: number, from, text: message, statusCode, status, at: now.toISOString() });
      sandbox.world.sendSms(msisdn, message, now, from);
    }
    return { statusCode, number, status, cost: ok ? `KES ${(parts(message) * COST_PER_PART).toFixed(4)}` : '0', messageId };
  });
  const sent = recipients.filter((r) => r.statusCode === 101).length;
  const total = recipients.reduce((sum, r) => sum + Number(r.cost.replace(/[^\d.]/g, '') || 0), 0);
  return jsonReply(201, { SMSMessageData: { Message: `Sent to ${sent}/${recipients.length} Total Cost: KES ${total.toFixed(4)}`, Recipients: recipients } });
}

/** `/__sandbox/africastalking/{messages|faults|accounts}`: what tests read and the faults they inject. */
export function handleAtControl(sandbox: Sandbox, method: string, resource: string, raw: string): Reply {
  const at = sandbox.africasTalking;
  switch (`${method} ${resource}`) {
    case 'GET messages':
      return jsonReply(200, at.messages);
    case 'DELETE messages':
      at.messages = [];
      return jsonReply(200, { ok: true });
    case 'GET faults':
      return jsonReply(200, at.faults);
    case 'POST faults': {
      const p = parse(faultSchema, raw);
      if (!p.ok) return p.reply;
      at.faults.push(p.value);
      return jsonReply(201, p.value);
    }
    case 'DELETE faults':
      at.faults = [];
      return jsonReply(200, { ok: true });
    case 'POST accounts': {
      const p = parse(accountSchema, raw);
      if (!p.ok) return p.reply;
      at.accounts.set(p.value.username, p.value.apiKey);
      return jsonReply(201, { username: p.value.username });
    }
    default:
      return jsonReply(404, { error: 'control route not found' });
  }
}

/** Links in an SMS made clickable on the virtual phone (the text is already HTML-escaped). */
export function linkifySms(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" rel="noreferrer">${url}</a>`);
}
