import { describe, expect, it } from 'vitest';
import { requiredScopeFor } from './token-scopes';
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret, readBearerToken } from './token-secret';

describe('requiredScopeFor', () => {
  it.each([
    ['GET', '/api/v1/mpesa/status-detailed/ws_CO_1', 'read'],
    ['GET', '/api/v1/mpesa/b2c', 'read'],
    ['POST', '/api/v1/mpesa/stk-push', 'collect'],
    ['POST', '/api/v1/mpesa/b2c', 'payout'],
    ['POST', '/api/v1/mpesa/reverse', 'payout'],
    ['POST', '/api/v1/mpesa/balance', 'payout'],
    ['POST', '/api/v1/mpesa/payouts/abc/approve', 'payout'],
    ['POST', '/api/v1/mpesa/payouts/abc/reject', 'payout'],
    ['POST', '/api/v1/leases/abc/deposit/refund', 'payout'],
    ['POST', '/api/v1/payouts', 'payout'],
    ['POST', '/api/v1/payouts/abc/approve', 'payout'],
    ['POST', '/api/v1/reversals', 'payout'],
    ['POST', '/api/v1/reversals/abc/withdraw', 'payout'],
    ['POST', '/api/v1/balance-checks', 'payout'],
    ['PUT', '/api/v1/agency/settings', 'admin'],
    ['POST', '/api/v1/users/abc/revoke-sessions', 'admin'],
    ['POST', '/api/v1/leases', 'admin'],
    // An unknown write needs the widest scope, so a new route is never opened by a narrow token by accident.
    ['DELETE', '/api/v1/something/new', 'admin'],
  ])('%s %s needs %s', (method, pathname, scope) => {
    expect(requiredScopeFor({ method, pathname })).toBe(scope);
  });

  it('never lets a token manage tokens, even to read them', () => {
    for (const method of ['GET', 'POST']) {
      expect(requiredScopeFor({ method, pathname: '/api/v1/tokens' })).toBeNull();
      expect(requiredScopeFor({ method, pathname: '/api/v1/tokens/abc/revoke' })).toBeNull();
      expect(requiredScopeFor({ method, pathname: '/api/v1/tokens/' })).toBeNull();
    }
  });

  it('does not take a trailing slash as a way around a scope', () => {
    expect(requiredScopeFor({ method: 'POST', pathname: '/api/v1/mpesa/b2c/' })).toBe('payout');
    expect(requiredScopeFor({ method: 'POST', pathname: '/api/v1/mpesa/stk-push/' })).toBe('collect');
  });
});

describe('token secrets', () => {
  it('are hvn_ + 43 base64url characters, shown by a short prefix and stored as SHA-256', () => {
    const { secret, prefix, hash } = generateTokenSecret();
    expect(looksLikeTokenSecret(secret)).toBe(true);
    expect(prefix).toBe(secret.slice(0, 10));
    expect(hash).toBe(hashTokenSecret(secret));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateTokenSecret().secret).not.toBe(secret);
  });

  it('reads the token from an Authorization header', () => {
    expect(readBearerToken('Bearer hvn_x')).toBe('hvn_x');
    expect(readBearerToken('bearer   hvn_x ')).toBe('hvn_x');
    expect(readBearerToken('Basic abc')).toBeNull();
    expect(readBearerToken('Bearer a b')).toBeNull();
    expect(readBearerToken(null)).toBeNull();
    expect(looksLikeTokenSecret('hvn_short')).toBe(false);
  });
});
