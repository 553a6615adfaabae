import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskSecret, openSecret, parseEncryptionKey, sealSecret } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('round-trips, with a fresh IV each time, and never stores the plaintext', () => {
    const a = sealSecret(key, 'consumer-secret-1', 'agency:1:consumerSecret');
    const b = sealSecret(key, 'consumer-secret-1', 'agency:1:consumerSecret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('consumer-secret-1');
    expect(openSecret(key, a, 'agency:1:consumerSecret')).toBe('consumer-secret-1');
  });

  it('refuses another context, another key or a tampered ciphertext', () => {
    const sealed = sealSecret(key, 'passkey', 'agency:1:passkey');
    expect(() => openSecret(key, sealed, 'agency:2:passkey')).toThrow();
    expect(() => openSecret(randomBytes(32), sealed, 'agency:1:passkey')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x' + Buffer.from(parts[3]!, 'base64url').toString('latin1').slice(1), 'latin1').toString('base64url');
    expect(() => openSecret(key, parts.join('.'), 'agency:1:passkey')).toThrow();
  });

  it('parses hex and base64 keys of 32 bytes only, and masks secrets', () => {
    expect(parseEncryptionKey('00'.repeat(32))).toHaveLength(32);
    expect(parseEncryptionKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(() => parseEncryptionKey('short')).toThrow(/32 bytes/);
    expect(maskSecret('bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919')).toBe('••••c919');
  });
});
