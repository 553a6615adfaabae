import { Agent, request as httpRequest } from 'node:http';
import { E2E_APP_URL } from '../../support/e2e-env';

/**
 * A raw HTTP client for the security tests. Unlike Playwright's request context it can
 *  - leave out every header we do not ask for (no Origin unless given),
 *  - send bytes that are not valid UTF-8 or JSON, and any Content-Type or none,
 *  - connect *from* another loopback address (127.0.0.2 …), so that a test has its own source address — for
 *    the throttles, which key on it, and to prove X-Forwarded-For is not believed,
 *  - return as soon as the status and headers arrive (event streams never end on their own).
 */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Every Set-Cookie line. */
  setCookies: string[];
}

export interface RawRequest {
  method?: string;
  /** Sent as given: percent-encoding and all. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Local address to connect from, e.g. 127.0.0.7 (default 127.0.0.1). */
  from?: string;
  /** Skip reading the body (event streams). */
  headersOnly?: boolean;
  /** Another server on 127.0.0.1 than the Playwright app (a second instance a test started). */
  port?: number;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

const agents = new Map<string, Agent>();
const agentFor = (from: string) => {
  let agent = agents.get(from);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 4, localAddress: from });
    agents.set(from, agent);
  }
  return agent;
};

const app = new URL(E2E_APP_URL);

export function send({ method = 'GET', path, headers = {}, body, from = '127.0.0.1', headersOnly = false, port, chunked = false }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: app.hostname,
        port: port ?? Number(app.port),
        method,
        path,
        headers: { ...(body !== undefined && !chunked ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
        agent: agentFor(from),
        timeout: 60_000,
      },
      (res) => {
        const result = (text: string): RawResponse => ({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
          text,
          setCookies: res.headers['set-cookie'] ?? [],
        });
        if (headersOnly) {
          res.destroy();
          resolve(result(''));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(result(Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (body !== undefined && chunked) {
      // Several chunks, so that the server cannot learn the size before reading.
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 16 * 1024) req.write(bytes.subarray(i, i + 16 * 1024));
    } else if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A same-origin JSON call, as the app's own pages make them. */
export function sendJson(
  method: string,
  path: string,
  body: unknown,
  { cookie, from, headers = {} }: { cookie?: string; from?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return send({
    method,
    path,
    from,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: E2E_APP_URL, ...(cookie ? { cookie } : {}), ...headers },
  });
}

export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
