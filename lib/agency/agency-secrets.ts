import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { getEnv } from '@/lib/env';

/** The sealed fields of agency_mpesa_credentials, each bound to its agency and field name. */
export type AgencySecretField = 'consumerKey' | 'consumerSecret' | 'passkey' | 'securityCredential' | 'initiatorPassword';

const context = (agencyId: string, field: AgencySecretField) => `agency:${agencyId}:${field}`;

export function sealAgencySecret({ agencyId, field, value, key = getEnv().encryptionKey }: { agencyId: string; field: AgencySecretField; value: string; key?: Buffer }): string {
  return sealSecret(key, value, context(agencyId, field));
}

export function openAgencySecret({ agencyId, field, sealed, key = getEnv().encryptionKey }: { agencyId: string; field: AgencySecretField; sealed: string; key?: Buffer }): string {
  return openSecret(key, sealed, context(agencyId, field));
}
