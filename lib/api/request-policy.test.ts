import { describe, expect, it } from 'vitest';
import { EVIDENCE_UPLOAD_LIMIT_BYTES } from './read-body';
import { decideRequest, isCallbackPath, type RequestFacts } from './request-policy';

const APP = 'https://haven.example';

function decide(overrides: Partial<Omit<RequestFacts, 'headers'>> & { headers?: Record<string, string> }) {
  return decideRequest({
    method: 'POST',
    pathname: '/api/v1/mpesa/b2c',
    search: '',
    appOrigin: APP,
    ...overrides,
    headers: new Headers({ host: 'haven.example', ...overrides.headers }),
  });
}

const json = { 'content-type': 'application/json' };

describe('request policy: CSRF (issue 14, item 2)', () => {
  it('accepts a same-origin JSON call, by Origin or by Sec-Fetch-Site', () => {
    expect(decide({ headers: { ...json, origin: APP } })).toEqual({ action: 'continue', bearer: false });
    expect(decide({ headers: { ...json, 'sec-fetch-site': 'same-origin' } })).toEqual({ action: 'continue', bearer: false });
    // Reached by another name than APP_URL (e.g. localhost vs 127.0.0.1): the request's own host counts.
    expect(decide({ headers: { ...json, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' } }).action).toBe('continue');
  });

  it.each([
    ['another site', { origin: 'https://evil.test' }],
    ['another port of the same host', { origin: 'https://haven.example:8443', 'sec-fetch-site': 'same-site' }],
    ['an opaque origin', { origin: 'null' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['a cross-site fetch claiming our Origin', { origin: APP, 'sec-fetch-site': 'cross-site' }],
  ])('refuses %s with 403', (_name, headers) => {
    expect(decide({ headers: { ...json, ...headers } })).toMatchObject({ action: 'refuse', status: 403 });
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], [undefined]])('refuses content type %s with 415', (type) => {
    const headers: Record<string, string> = { origin: APP };
    if (type) headers['content-type'] = type;
    expect(decide({ headers })).toMatchObject({ action: 'refuse', status: 415 });
  });

  it('lets the deposit-deduction route take files, same-origin and within its own limit, and no other route', () => {
    const form = { 'content-type': 'multipart/form-data; boundary=x', origin: APP };
    const deductions = '/api/v1/leases/6f1c1e0e-6b0a-4a43-9d55-4d6a5f1f7a10/deposit/deductions';
    expect(decide({ pathname: deductions, headers: { ...form, 'content-length': String(3 * 1024 * 1024) } }).action).toBe('continue');
    expect(decide({ pathname: deductions, headers: { ...form, origin: 'https://evil.test' } })).toMatchObject({ status: 403 });
    expect(decide({ pathname: deductions, headers: { ...form, 'content-length': String(EVIDENCE_UPLOAD_LIMIT_BYTES + 1) } })).toMatchObject({ status: 413 });
    expect(decide({ pathname: `${deductions}/x`, headers: form })).toMatchObject({ status: 415 });
    expect(decide({ pathname: '/api/v1/leases/x/deposit/refund', headers: form })).toMatchObject({ status: 415 });
  });

  it('lets Auth.js take its forms (it checks its own CSRF token), but only same-origin', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(decide({ pathname: '/api/auth/callback/credentials', headers: { ...form, origin: APP } }).action).toBe('continue');
    expect(decide({ pathname: '/api/auth/signout', headers: { ...form, origin: 'https://evil.test' } })).toMatchObject({ status: 403 });
  });

  it('exempts Daraja callbacks and bearer calls, and marks bearer calls so their cookies are dropped', () => {
    expect(decide({ pathname: '/api/v1/mpesa/callback/secret', headers: {} })).toEqual({ action: 'continue', bearer: false });
    // The paths Haven registers (no "mpesa" in them) are callbacks too.
    expect(decide({ pathname: '/api/v1/hooks/callback/secret', headers: {} })).toEqual({ action: 'continue', bearer: false });
    expect(decide({ pathname: '/api/v1/hooks/c2b/confirmation/secret', headers: {} })).toEqual({ action: 'continue', bearer: false });
    expect(decide({ headers: { authorization: 'Bearer hvn_abc' } })).toEqual({ action: 'continue', bearer: true });
    expect(decide({ method: 'GET', headers: { authorization: 'bearer hvn_abc' } })).toEqual({ action: 'continue', bearer: true });
    expect(decide({ headers: { authorization: 'Basic abc' } })).toMatchObject({ status: 403 });
  });

  it('knows every callback route and nothing else', () => {
    for (const path of ['callback/s', 'b2c/result/s', 'b2c/timeout/s', 'reversal/result/s', 'reversal/timeout/s', 'balance/result/s', 'balance/timeout/s', 'transaction-status/result/s', 'transaction-status/timeout/s', 'c2b/confirmation/s', 'c2b/validation/s']) {
      expect(isCallbackPath(`/api/v1/mpesa/${path}`), path).toBe(true);
    }
    for (const path of ['b2c', 'b2c/abc', 'reverse', 'payouts/x/approve', 'stk-push', 'callback', 'callback/s/extra']) {
      expect(isCallbackPath(`/api/v1/mpesa/${path}`), path).toBe(false);
    }
  });

  it('does not check safe methods or pages (server actions keep Next.js’s own Origin check)', () => {
    expect(decide({ method: 'GET', headers: {} }).action).toBe('continue');
    expect(decide({ method: 'POST', pathname: '/sign-in', headers: { 'content-type': 'text/plain' } }).action).toBe('continue');
  });
});

describe('request policy: paths and sizes (issue 14, item 8)', () => {
  it.each(['/leases/%E0%A4%A', '/api/v1/mpesa/status/%', '/api/v1/mpesa/status/%zz', '/receipts/%00', '/leases/a%0Ab', '/api/v1/mpesa/b2c/%7F'])('refuses %s with 400', (pathname) => {
    expect(decide({ method: 'GET', pathname, headers: {} })).toMatchObject({ action: 'refuse', status: 400 });
  });

  it('refuses a NUL in the query, and accepts ordinary encodings', () => {
    expect(decide({ method: 'GET', pathname: '/sign-in', search: '?next=%00', headers: {} })).toMatchObject({ status: 400 });
    expect(decide({ method: 'GET', pathname: '/leases/caf%C3%A9', search: '?next=%2Ftenant', headers: {} }).action).toBe('continue');
  });

  it('limits bodies by Content-Length: 64 KB for callbacks, 256 KB for the rest', () => {
    const big = (n: number) => ({ ...json, origin: APP, 'content-length': String(n) });
    expect(decide({ headers: big(256 * 1024) }).action).toBe('continue');
    expect(decide({ headers: big(256 * 1024 + 1) })).toMatchObject({ status: 413 });
    expect(decide({ pathname: '/api/v1/mpesa/callback/s', headers: big(64 * 1024 + 1) })).toMatchObject({ status: 413 });
  });
});
