import type { AtMessage } from '../../sandbox/apis/africastalking';

/** The sandbox's Africa's Talking stand-in, as tests drive it: what was sent, and faults to inject. */
export interface AtControl {
  messages(): Promise<AtMessage[]>;
  clearMessages(): Promise<void>;
  addFault(fault: { kind: 'http-error'; status?: 500 | 502 | 503; times?: number } | { kind: 'recipient-status'; statusCode: number; times?: number } | { kind: 'delay'; delayMs: number; times?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  /** SMS on one phone (2547…) whose text contains `text`, newest first. */
  sentTo(msisdn: string, text?: string): Promise<AtMessage[]>;
}

export function atControl(sandboxUrl: string): AtControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}/__sandbox/africastalking/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
