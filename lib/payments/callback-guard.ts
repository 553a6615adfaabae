import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';

/**
 * Daraja does not sign callbacks (SPEC §11.3), so a callback URL carries an unguessable secret, compared in
 * constant time, and a source-address allow-list can be switched on with MPESA_CALLBACK_ALLOWED_IPS.
 */

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function isCallbackSecretValid(provided: string | undefined | null): boolean {
  if (!provided) return false;
  return timingSafeEqual(digest(provided), digest(getEnv().mpesa.callbackSecret));
}

export function isCallbackSourceAllowed(address: string | null): boolean {
  const allowed = getEnv().mpesa.callbackAllowedIps;
  if (!allowed) return true;
  return address !== null && allowed.includes(address);
}

/** Our callback URLs as Daraja should call them, e.g. `<base>/callback/<secret>`, `<base>/b2c/result/<secret>`. */
export function callbackUrl(path: string): string {
  const { callbackBaseUrl, callbackSecret } = getEnv().mpesa;
  return `${callbackBaseUrl}/${path.replace(/^\//, '')}/${encodeURIComponent(callbackSecret)}`;
}
