import { percentile } from './figures';

/**
 * One list page (or JSON list API) as the bench requests it: who asks, and the path. Timed from the request to the
 * last byte of the body, as a browser would wait for it, after warm-up requests that fill the connection pool and
 * the database's buffers.
 */

export type BenchRole = 'admin' | 'landlord' | 'tenant';

export interface PageCase {
  name: string;
  role: BenchRole;
  path: string;
}

export interface PageTiming {
  name: string;
  p50: number;
  p95: number;
  bytes: number;
}

export interface PageTarget {
  base: string;
  cookie: string;
  path: string;
}

async function fetchOnce(name: string, target: PageTarget): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(`${target.base}${target.path}`, { headers: { cookie: target.cookie, origin: target.base }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${name} (${target.base}${target.path}) answered ${res.status}`);
  return { ms, bytes: body.byteLength };
}

/**
 * The same page on several apps (one per data set), requested in turn sample by sample, so that whatever else the
 * machine is doing weighs on every data set alike and the ratio between them stays meaningful.
 */
export async function timePageInterleaved({ name, targets, warmups = 2, samples = 15 }: { name: string; targets: PageTarget[]; warmups?: number; samples?: number }): Promise<PageTiming[]> {
  const times = targets.map(() => [] as number[]);
  const bytes = targets.map(() => 0);
  for (let i = 0; i < warmups + samples; i += 1) {
    for (const [k, target] of targets.entries()) {
      const r = await fetchOnce(name, target);
      bytes[k] = r.bytes;
      if (i >= warmups) times[k]!.push(r.ms);
    }
  }
  return times.map((t, k) => ({ name, p50: percentile(t, 50), p95: percentile(t, 95), bytes: bytes[k]! }));
}
