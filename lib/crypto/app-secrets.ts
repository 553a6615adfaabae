import 'server-only';
import { getEnv } from '@/lib/env';
import { openSecret, sealSecret } from './secret-box';

/**
 * Secrets sealed under this install's HAVEN_ENCRYPTION_KEY. The context names where a value belongs (a field of an
 * agency, a one-time link waiting in the outbox): a sealed value copied anywhere else does not open.
 */
export const sealAppSecret = (plaintext: string, context: string): string => sealSecret(getEnv().encryptionKey, plaintext, context);
export const openAppSecret = (sealed: string, context: string): string => openSecret(getEnv().encryptionKey, sealed, context);

/** Contexts used by messaging. */
export const atApiKeyContext = (agencyId: string) => `agency:${agencyId}:at-api-key`;
export const OUTBOX_LINK_CONTEXT = 'outbox:one-time-link';
