import { percentile } from './figures';

/**
 * One list page (or JSON list API) as the bench requests it: who asks, and the path. Timed from the request to the
 * last byte of the body, as a browser would wait for it, after warm-up requests (the first render compiles nothing
 * in a production build, but fills the connection pool and the database's buffers).
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
  status: number;
}

export async function timePage({ base, cookie, page, warmups = 2, samples = 15 }: { base: string; cookie: string; page: PageCase; warmups?: number; samples?: number }): Promise<PageTiming> {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < warmups + samples; i += 1) {
    const started = performance.now();
    const res = await fetch(`${base}${page.path}`, { headers: { cookie, origin: base }, redirect: 'manual' });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    status = res.status;
    bytes = body.byteLength;
    if (res.status !== 200) throw new Error(`${page.name} (${page.path}) answered ${res.status}`);
    if (i >= warmups) times.push(ms);
  }
  return { name: page.name, p50: percentile(times, 50), p95: percentile(times, 95), bytes, status };
}
