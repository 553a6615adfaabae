import { readFileSync } from 'node:fs';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { isCallbackPath } from './request-policy';

/**
 * proxy.ts runs for every request but static files and Daraja's callbacks. Its matcher must be a literal, so the
 * callback paths are written twice (there and in request-policy.ts); this keeps the two equal, path by path.
 */
// Read from the file as Next.js reads it (importing proxy.ts would start Auth.js).
const matcher = [...readFileSync('proxy.ts', 'utf8').matchAll(/^\s*'(\/\(\(\?!_next.*)',$/gm)].map((m) => m[1]!);
const config = { matcher };
const runsProxy = (pathname: string) => unstable_doesMiddlewareMatch({ config, url: `http://localhost${pathname}` });

const callbacks = [
  '/api/v1/mpesa/callback/s3cret',
  '/api/v1/hooks/callback/s3cret',
  '/api/v1/mpesa/c2b/confirmation/s3cret',
  '/api/v1/hooks/c2b/validation/s3cret',
  '/api/v1/mpesa/b2c/result/s3cret',
  '/api/v1/hooks/reversal/timeout/s3cret',
  '/api/v1/mpesa/balance/result/s3cret',
  '/api/v1/hooks/transaction-status/timeout/s3cret',
];

const others = [
  '/',
  '/sign-in',
  '/admin',
  '/tenant/pay',
  '/api/ping',
  '/api/v1/payments',
  '/api/v1/mpesa/stk-push',
  '/api/v1/mpesa/callbacks/123/replay',
  '/api/v1/mpesa/callback',
  '/api/v1/mpesa/callback/s3cret/more',
  '/api/v1/mpesa/b2c/result',
  '/api/v1/mpesa/status/ws_CO_1',
  '/api/v1/mpesa/b2c/abc',
  '/api/v1/hooks/c2b/refund/s3cret',
  '/api/auth/session',
];

describe('the proxy matcher', () => {
  it('is read from proxy.ts', () => expect(matcher).toHaveLength(1));

  it('skips exactly the Daraja callback paths', () => {
    for (const path of callbacks) {
      expect(isCallbackPath(path), path).toBe(true);
      expect(runsProxy(path), path).toBe(false);
    }
    for (const path of others) {
      expect(isCallbackPath(path), path).toBe(false);
      expect(runsProxy(path), path).toBe(true);
    }
  });

  it('still skips static files', () => {
    expect(runsProxy('/_next/static/chunks/main.js')).toBe(false);
    expect(runsProxy('/favicon.ico')).toBe(false);
  });
});
