import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = sealSecret('at_live_key_123', key);
    expect(openSecret(a, key)).toBe('at_live_key_123');
    expect(sealSecret('at_live_key_123', key)).not.toBe(a);
    expect(a).not.toContain('at_live_key_123');
  });
  it('refuses another key and a tampered value', () => {
    const sealed = sealSecret('secret', key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow();
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret([v, iv, flipped.toString('base64url'), tag].join('.'), key)).toThrow();
    expect(() => openSecret('plain text', key)).toThrow(/Not a sealed secret/);
  });
});
