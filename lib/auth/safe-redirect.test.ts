import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

const APP = 'http://127.0.0.1:3000';

describe('redirects after sign-in (issue 14, item 3)', () => {
  it.each([
    ['/tenant', '/tenant'],
    ['/leases/1?tab=payments#latest', '/leases/1?tab=payments#latest'],
    ['/', '/'],
    // Resolved like a browser would, then rebuilt from the path: never a protocol-relative URL.
    ['/.//evil.test', '/evil.test'],
    ['/%2F%2Fevil.test', '/%2F%2Fevil.test'],
  ])('keeps this app’s path %j', (input, expected) => {
    expect(safeRedirectPath(input, APP)).toBe(expected);
  });

  it.each([
    '/\\evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '//evil.test',
    '///evil.test',
    'http://evil.test/',
    'https://127.0.0.1:3000/tenant',
    'javascript:alert(1)',
    'tenant',
    '',
    '/a b',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (input) => {
    expect(safeRedirectPath(input, APP)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(safeRedirectPath(['/tenant'], APP)).toBeNull();
    expect(safeRedirectPath(undefined, APP)).toBeNull();
  });
});
