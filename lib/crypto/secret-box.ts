import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getEnv } from '@/lib/env';

/**
 * Secrets kept in the database (an agency's API keys, a one-time link waiting in the outbox) are sealed with
 * AES-256-GCM under HAVEN_ENCRYPTION_KEY: a copy of the database alone opens nothing, and a tampered value fails
 * to open instead of decrypting to garbage. Format: `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 */

const VERSION = 'v1';

export function sealSecret(plaintext: string, key: Buffer = getEnv().encryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function openSecret(sealed: string, key: Buffer = getEnv().encryptionKey): string {
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== VERSION || !iv || ciphertext === undefined || !tag) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
