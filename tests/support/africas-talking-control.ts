import type { AtMessage } from '../../sandbox/apis/africastalking';
import { CONTROL_TOKEN_HEADER } from './sandbox-process';

/** The sandbox's Africa's Talking stand-in, as tests drive it: what was sent, and faults to inject. */
export interface AtControl {
  messages(): Promise<AtMessage[]>;
  clearMessages(): Promise<void>;
  addFault(fault: { kind: 'http-error'; status?: 500 | 502 | 503; times?: number } | { kind: 'recipient-status'; statusCode: number; times?: number } | { kind: 'delay'; delayMs: number; times?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  /** SMS on one phone (2547…) whose text contains `text`, newest first. */
  sentTo(msisdn: string, text?: string): Promise<AtMessage[]>;
}

export function atControl(sandboxUrl: string, token: string | undefined = process.env.SANDBOX_CONTROL_TOKEN || undefined): AtControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    // The control API's guard: JSON for every change, and the token when the sandbox has one.
    const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
    if (token) headers[CONTROL_TOKEN_HEADER] = token;
    const res = await fetch(`${sandboxUrl}/__sandbox/africastalking/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`AT control ${method} ${path} → ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const control: AtControl = {
    messages: () => call('GET', 'messages'),
    clearMessages: () => call('DELETE', 'messages'),
    addFault: (fault) => call('POST', 'faults', fault),
    clearFaults: () => call('DELETE', 'faults'),
    async sentTo(msisdn, text) {
      return (await control.messages()).filter((m) => m.to.replace(/^\+/, '') === msisdn && (!text || m.text.includes(text))).reverse();
    },
  };
  return control;
}
