import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP listener that records every POST it gets, standing in for Haven's callback URLs in tests. */

export interface ReceivedCallback {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  receivedAt: Date;
}

export interface CallbackListener {
  url: string;
  received: ReceivedCallback[];
  /** Resolves with the first callback (already received or future) whose path matches, or rejects after timeoutMs. */
  waitFor(match: (cb: ReceivedCallback) => boolean, timeoutMs?: number): Promise<ReceivedCallback>;
  /** Sets the status and body of later answers (default 200 `{"ResultCode":0,"ResultDesc":"Accepted"}`). */
  respondWith(status: number, body: unknown): void;
  close(): Promise<void>;
}

export async function startCallbackListener(): Promise<CallbackListener> {
  const received: ReceivedCallback[] = [];
  const waiters: { match: (cb: ReceivedCallback) => boolean; resolve: (cb: ReceivedCallback) => void }[] = [];
  let answer = { status: 200, body: { ResultCode: 0, ResultDesc: 'Accepted' } as unknown };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const cb: ReceivedCallback = { path: req.url ?? '/', headers: req.headers, body, json, receivedAt: new Date() };
      received.push(cb);
      for (const w of [...waiters]) {
        if (w.match(cb)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(cb);
        }
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    waitFor(match, timeoutMs = 15_000) {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (cb: ReceivedCallback) => { clearTimeout(timer); resolve(cb); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching callback within ${timeoutMs} ms (got ${received.length}: ${received.map((r) => r.path).join(', ')})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    respondWith(status, body) {
      answer = { status, body };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
