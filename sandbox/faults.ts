import { z } from 'zod';

export const faultApis = ['oauth', 'stk', 'stk-query', 'b2c', 'reversal', 'balance', 'status', 'c2b', 'pull'] as const;
export type FaultApi = (typeof faultApis)[number];

const base = { api: z.enum(faultApis), times: z.number().int().positive().default(1) };

export const faultInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('duplicate-callback'), copies: z.number().int().min(2).max(50).default(2), concurrent: z.boolean().default(true) }).strict(),
  z.object({ ...base, kind: z.literal('drop-callback') }).strict(),
  z.object({ ...base, kind: z.literal('delay-callback'), delayMs: z.number().int().min(0) }).strict(),
  z.object({ ...base, kind: z.literal('callback-before-ack') }).strict(),
  z.object({ ...base, kind: z.literal('reorder-callbacks'), count: z.number().int().min(2).max(50).default(2), flushAfterMs: z.number().int().min(0).default(10_000) }).strict(),
  z.object({ ...base, kind: z.literal('http-error'), status: z.union([z.literal(500), z.literal(503)]).default(500) }).strict(),
  z.object({ ...base, kind: z.literal('spike-arrest') }).strict(),
  z.object({ ...base, kind: z.literal('malformed-callback') }).strict(),
  z.object({ ...base, kind: z.literal('slow-ack'), delayMs: z.number().int().min(0) }).strict(),
  z.object({ ...base, kind: z.literal('queue-timeout') }).strict(),
  // The socket is destroyed after the request was read: before the work (nothing happened) or after it (it did).
  z.object({ ...base, kind: z.literal('reset-connection'), after: z.enum(['before-work', 'after-work']).default('after-work') }).strict(),
  // Pull Transactions only: HTTP 500 "Failed to retrieve transactions" (SPEC §9.5).
  z.object({ ...base, kind: z.literal('failed-to-retrieve') }).strict(),
]);

export type FaultInput = z.infer<typeof faultInputSchema>;
export type Fault = FaultInput & { id: number };
export type FaultKind = Fault['kind'];
export type FaultOf<K extends FaultKind> = Extract<Fault, { kind: K }>;

/** Injected faults, each used up by `times` matching calls. */
export class FaultStore {
  private items: Fault[] = [];
  private seq = 0;

  add(input: FaultInput): Fault {
    this.seq += 1;
    const fault = { ...input, id: this.seq };
    this.items.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.items;
  }

  clear(): void {
    this.items = [];
  }

  take<K extends FaultKind>(api: FaultApi, kind: K): FaultOf<K> | undefined {
    const found = this.items.find((f): f is FaultOf<K> => f.api === api && f.kind === kind);
    if (!found) return undefined;
    found.times -= 1;
    if (found.times <= 0) this.items = this.items.filter((f) => f !== found);
    return found;
  }
}
