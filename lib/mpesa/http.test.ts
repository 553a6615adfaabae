import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DarajaError } from './errors';
import { createTransport } from './http';

/** The transport against a real local HTTP server that misbehaves in the ways a network can. */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end('{}');
let hits = 0;
let baseUrl = '';
const server = createServer((req, res) => {
  hits += 1;
  req.resume();
  req.on('end', () => handler(req, res));
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const schema = z.looseObject({ ok: z.boolean() });
const transport = () => createTransport({ baseUrl, timeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
const send = (idempotent: boolean) => transport().send({ api: idempotent ? 'stk-query' : 'stk-push', method: 'POST', path: '/x', authorization: 'Bearer t', body: {}, idempotent, schema });

async function failure(p: Promise<unknown>): Promise<DarajaError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DarajaError);
  return e as DarajaError;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('Daraja transport', () => {
  it('reports a connection reset after sending a payment as unknown, and does not resend it', async () => {
    hits = 0;
    handler = (req) => req.socket.destroy();
    const e = await failure(send(false));
    expect(e).toMatchObject({ kind: 'unknown-outcome', retrySafe: false });
    expect(hits).toBe(1);
  });

  it('retries the same reset for an idempotent query', async () => {
    hits = 0;
    handler = (req, res) => (hits < 3 ? req.socket.destroy() : json(res, 200, { ok: true }));
    expect(await send(true)).toEqual({ ok: true });
    expect(hits).toBe(3);
  });

  it('reports a timeout on a payment as unknown', async () => {
    hits = 0;
    handler = (_req, res) => setTimeout(() => json(res, 200, { ok: true }), 600);
    const e = await failure(send(false));
    expect(e.kind).toBe('unknown-outcome');
    expect(e.message).toMatch(/no answer within 300 ms/);
    expect(hits).toBe(1);
  });

  // ky's timeout ends when the headers arrive. A body that then never came used to hold the caller for ever: a
  // Transaction Status or Pull query in the sweep froze every later sweep (re-queries, statement runs) with it.
  it('gives up on an answer whose body never completes, within the same timeout', async () => {
    hits = 0;
    const held: ServerResponse[] = [];
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
      held.push(res);
    };
    const started = Date.now();
    const e = await failure(send(false));
    expect(e.kind).toBe('unknown-outcome');
    expect(e.message).toMatch(/no answer within 300 ms/);
    expect(hits).toBe(1);
    // An idempotent query is asked again, each attempt within its own timeout.
    expect(await failure(send(true))).toMatchObject({ kind: 'rejected', retrySafe: true });
    expect(hits).toBe(4);
    expect(Date.now() - started).toBeLessThan(5_000);
    held.forEach((res) => res.destroy());
  });

  it('treats a 502 without a Daraja envelope on a payment as unknown', async () => {
    hits = 0;
    handler = (_req, res) => {
      res.writeHead(502);
      res.end('<html>Bad gateway</html>');
    };
    expect(await failure(send(false))).toMatchObject({ kind: 'unknown-outcome', httpStatus: 502 });
    expect(hits).toBe(1);
  });

  it('retries spike arrest and 503 for payments too, since they were not accepted', async () => {
    hits = 0;
    handler = (_req, res) =>
      hits === 1
        ? json(res, 500, { requestId: '1-2-3', errorCode: '500.003.02', errorMessage: 'Error Occurred: Spike Arrest Violation' })
        : hits === 2
          ? json(res, 503, {})
          : json(res, 200, { ok: true });
    expect(await send(false)).toEqual({ ok: true });
    expect(hits).toBe(3);
  });

  it('surfaces a gateway rejection with its code, request id and status, without retrying', async () => {
    hits = 0;
    handler = (_req, res) => json(res, 400, { requestId: '27746-3661277-1', errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid PhoneNumber' });
    const e = await failure(send(false));
    expect(e).toMatchObject({ kind: 'rejected', httpStatus: 400, errorCode: '400.002.02', requestId: '27746-3661277-1', retrySafe: true });
    expect(e.message).toContain('Invalid PhoneNumber');
    expect(hits).toBe(1);
  });

  it('gives up after maxAttempts of spike arrest with the last error', async () => {
    hits = 0;
    handler = (_req, res) => json(res, 500, { requestId: 'r', errorCode: '500.003.02', errorMessage: 'Spike Arrest Violation' });
    expect(await failure(send(false))).toMatchObject({ errorCode: '500.003.02', kind: 'rejected' });
    expect(hits).toBe(3);
  });

  it('a 200 with an unexpected body is unknown for a payment', async () => {
    handler = (_req, res) => json(res, 200, { something: 'else' });
    expect((await failure(send(false))).kind).toBe('unknown-outcome');
  });

  it('connection refused is retry-safe: nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((r) => closed.close(() => r()));
    const t = createTransport({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const e = await failure(t.send({ api: 'b2c', method: 'POST', path: '/x', authorization: 'Bearer t', body: {}, idempotent: false, schema }));
    expect(e).toMatchObject({ kind: 'rejected', retrySafe: true });
  });
});
