import type { FaultApi, FaultOf, FaultStore } from './faults';
import { sleep } from './scheduler';
import { toWireJson } from './wire-json';

export interface CallbackAttempt {
  id: number;
  api: FaultApi;
  url: string;
  body: string;
  status: number | null;
  response: string | null;
  error?: string;
  at: string;
  /** The id the callback is about (CheckoutRequestID, ConversationID, TransID), for tests to filter on. */
  ref?: string;
}

/** How one result is to be delivered, decided when the request is acknowledged. */
export interface CallbackPlan {
  drop: boolean;
  delayMs: number;
  copies: number;
  concurrent: boolean;
  malformed: boolean;
  beforeAck: boolean;
  queueTimeout: boolean;
  reorder?: FaultOf<'reorder-callbacks'>;
}

export function takeCallbackPlan(faults: FaultStore, api: FaultApi): CallbackPlan {
  const dup = faults.take(api, 'duplicate-callback');
  return {
    drop: faults.take(api, 'drop-callback') !== undefined,
    delayMs: faults.take(api, 'delay-callback')?.delayMs ?? 0,
    copies: dup?.copies ?? 1,
    concurrent: dup?.concurrent ?? true,
    malformed: faults.take(api, 'malformed-callback') !== undefined,
    beforeAck: faults.take(api, 'callback-before-ack') !== undefined,
    queueTimeout: faults.take(api, 'queue-timeout') !== undefined,
    reorder: faults.take(api, 'reorder-callbacks'),
  };
}

export const plainPlan: CallbackPlan = { drop: false, delayMs: 0, copies: 1, concurrent: true, malformed: false, beforeAck: false, queueTimeout: false };

interface ReorderBucket {
  target: number;
  held: (() => Promise<void>)[];
  timer: NodeJS.Timeout;
}

/** Posts results to client URLs, once (SPEC §12: no retries), and records every attempt. */
export class CallbackDispatcher {
  attempts: CallbackAttempt[] = [];
  private seq = 0;
  private generation = 0;
  private buckets = new Map<FaultApi, ReorderBucket>();

  constructor(private readonly timeoutMs: () => number) {}

  reset(): void {
    this.generation += 1;
    this.attempts = [];
    for (const b of this.buckets.values()) clearTimeout(b.timer);
    this.buckets.clear();
  }

  /**
   * One POST, recorded; the answer is returned for C2B validation, which reads it. The whole exchange, headers and
   * body, gets `timeoutMs` on a timer of our own: M-Pesa stops waiting then, whatever the socket does. The fetch's
   * abort signal alone once left a validation waiting for ever on a body that never settled (status 200 read, then
   * neither text nor error, under load: nodejs/undici#4089), so that payment was neither completed nor refused.
   */
  async post(api: FaultApi, url: string, body: string, ref?: string, timeoutMs = this.timeoutMs()): Promise<CallbackAttempt> {
    this.seq += 1;
    const attempt: CallbackAttempt = { id: this.seq, api, url, body, status: null, response: null, at: new Date().toISOString(), ref };
    this.attempts.push(attempt);
    const controller = new AbortController();
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        const error = new DOMException(`no complete answer within ${timeoutMs} ms`, 'TimeoutError');
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const exchange = (async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: controller.signal });
      if (!expired) attempt.status = res.status;
      const text = await res.text();
      if (!expired) attempt.response = text;
    })();
    // Settles after the deadline when it settles at all; the attempt is already recorded by then.
    exchange.catch(() => undefined);
    try {
      await Promise.race([exchange, deadline]);
    } catch (err) {
      attempt.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      clearTimeout(timer);
    }
    return attempt;
  }

  async deliver(api: FaultApi, url: string, payload: unknown, plan: CallbackPlan, ref?: string): Promise<void> {
    const generation = this.generation;
    let body = toWireJson(payload);
    if (plan.malformed) body = body.slice(0, Math.floor(body.length / 2));
    if (plan.drop) {
      this.seq += 1;
      this.attempts.push({ id: this.seq, api, url, body, status: null, response: null, error: 'dropped by fault', at: new Date().toISOString(), ref });
      return;
    }
    if (plan.delayMs > 0) await sleep(plan.delayMs);
    if (generation !== this.generation) return;
    const send = async (): Promise<void> => {
      if (generation !== this.generation) return;
      const copies = Array.from({ length: plan.copies }, () => () => this.post(api, url, body, ref));
      if (plan.concurrent) await Promise.all(copies.map((c) => c()));
      else for (const c of copies) await c();
    };
    const bucket = this.buckets.get(api);
    if (plan.reorder && !bucket) {
      const flushAfter = plan.reorder.flushAfterMs;
      const created: ReorderBucket = { target: plan.reorder.count, held: [send], timer: setTimeout(() => void this.flush(api), flushAfter) };
      this.buckets.set(api, created);
      return;
    }
    if (bucket) {
      bucket.held.push(send);
      if (bucket.held.length >= bucket.target) await this.flush(api);
      return;
    }
    await send();
  }

  /** Held callbacks go out newest first, one after another, so the order is really inverted. */
  private async flush(api: FaultApi): Promise<void> {
    const bucket = this.buckets.get(api);
    if (!bucket) return;
    clearTimeout(bucket.timer);
    this.buckets.delete(api);
    for (const send of bucket.held.reverse()) await send();
  }
}
