import { describe, expect, it } from 'vitest';
import { normalizeAddress, resolveSourceAddress } from './source-address';

const STAMP = 'per-process-stamp';
const headers = (values: Record<string, string>) => new Headers(values);

describe('source address (issue 14, item 4)', () => {
  it('ignores X-Forwarded-For without trusted hops: the connection’s peer is the client', () => {
    const h = headers({ 'x-forwarded-for': '196.201.214.200', 'x-real-ip': '196.201.214.200', 'x-haven-peer': `${STAMP} 203.0.113.7` });
    expect(resolveSourceAddress({ headers: h, trustedHops: 0, stamp: STAMP, production: true })).toBe('203.0.113.7');
  });

  it('reads X-Forwarded-For only as far as the trusted hops, from the right', () => {
    // Client-written junk, then what our one proxy appended (the client it saw), then the proxy itself (the peer).
    const h = headers({ 'x-forwarded-for': '1.1.1.1, 198.51.100.9', 'x-haven-peer': `${STAMP} 10.0.0.2` });
    expect(resolveSourceAddress({ headers: h, trustedHops: 1, stamp: STAMP, production: true })).toBe('198.51.100.9');
    expect(resolveSourceAddress({ headers: h, trustedHops: 2, stamp: STAMP, production: true })).toBe('1.1.1.1');
    // More hops configured than the request went through: the leftmost entry, never beyond.
    expect(resolveSourceAddress({ headers: h, trustedHops: 5, stamp: STAMP, production: true })).toBe('1.1.1.1');
  });

  it('does not believe a peer header without the process’s stamp', () => {
    const forged = headers({ 'x-haven-peer': 'guess 196.201.214.200', 'x-forwarded-for': '196.201.214.200' });
    expect(resolveSourceAddress({ headers: forged, trustedHops: 0, stamp: STAMP, production: true })).toBeNull();
    expect(resolveSourceAddress({ headers: forged, trustedHops: 0, stamp: undefined, production: true })).toBeNull();
  });

  it('normalises IPv4-mapped IPv6 and refuses what is not an address', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeAddress('evil.test')).toBeNull();
    const h = headers({ 'x-forwarded-for': 'not-an-ip', 'x-haven-peer': `${STAMP} 10.0.0.2` });
    expect(resolveSourceAddress({ headers: h, trustedHops: 1, stamp: STAMP, production: true })).toBeNull();
  });
});
