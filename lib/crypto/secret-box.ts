import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (an agency's Daraja credentials). The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url), and the additional data binds a ciphertext to where it belongs
 * (e.g. `agency:<id>:passkey`), so a value copied into another agency's row or another field does not decrypt.
 */

const VERSION = 'v1';

/** Parses `HAVEN_ENCRYPTION_KEY`: 32 bytes as 64 hex characters or base64. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('HAVEN_ENCRYPTION_KEY must be 32 bytes: 64 hex characters or 44 base64 characters');
  return key;
}

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openSecret(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** `••••2c919`: enough to recognise a stored secret, never enough to use it. */
export function maskSecret(plaintext: string): string {
  return plaintext.length <= 8 ? '••••' : `••••${plaintext.slice(-4)}`;
}
