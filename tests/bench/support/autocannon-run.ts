import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * One autocannon run (its CLI, in its own process, so that the load generator does not share this process's event
 * loop with the bench). Returns the figures the benches compare: mean requests per second and latency percentiles.
 */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  /** Non-2xx answers, connection errors and timeouts: a run with any is not a fair measure. */
  failed: number;
}

interface AutocannonJson {
  requests: { average: number };
  latency: { p50: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export async function runLoad({
  url,
  connections,
  seconds,
  method = 'GET',
  body,
}: { url: string; connections: number; seconds: number; method?: 'GET' | 'POST'; body?: string }): Promise<LoadResult> {
  const args = [cli, '--json', '-c', String(connections), '-d', String(seconds), '-m', method];
  if (body !== undefined) args.push('-H', 'content-type=application/json', '-b', body);
  args.push(url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited with ${code}: ${err}`);
  const r = JSON.parse(out) as AutocannonJson;
  return { requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, ok: r['2xx'], failed: r.non2xx + r.errors + r.timeouts };
}
