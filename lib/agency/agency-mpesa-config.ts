import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getAgency, getAgencyCredentials, getDefaultAgencyId } from '@/db/queries/agency-settings';
import { getEnv, type Env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { DarajaClientConfig } from '@/lib/mpesa/client-types';
import { openAgencySecret } from './agency-secrets';

/**
 * The complete Daraja configuration of one agency: its own app credentials, paybill, passkey and initiator when
 * it has stored them (decrypted here, on the server, never sent to a browser), else — for the default agency
 * only — the environment's. Another agency without credentials cannot move money: it gets a clear error.
 */
export type AgencyMpesaConfig = Pick<
  DarajaClientConfig,
  'environment' | 'baseUrl' | 'consumerKey' | 'consumerSecret' | 'shortcode' | 'b2cShortcode' | 'passkey' | 'initiatorName' | 'httpTimeoutMs'
> & {
  agencyId: string;
  /** Where the credentials came from: the agency's sealed row, or the environment (default agency only). */
  source: 'agency' | 'environment';
  callbackBaseUrl: string;
  callbackSecret: string;
  // Present (possibly undefined) rather than optional, so a caller sees every field it must pass on.
  securityCredential: string | undefined;
  initiatorPassword: string | undefined;
  certificatePath: string | undefined;
};

export async function loadAgencyMpesaConfig(db: DbOrTx, { agencyId, env = getEnv() }: { agencyId: string; env?: Env }): Promise<AgencyMpesaConfig> {
  const agency = await getAgency(db, { agencyId });
  if (!agency) throw new AppError('not_found', 'That agency was not found');
  const common = {
    agencyId,
    environment: env.mpesa.environment,
    baseUrl: env.mpesa.baseUrl,
    callbackBaseUrl: env.mpesa.callbackBaseUrl,
    callbackSecret: env.mpesa.callbackSecret,
    httpTimeoutMs: env.mpesa.httpTimeoutMs,
    shortcode: agency.paybillShortcode,
    certificatePath: env.mpesa.certificatePath,
  };
  const stored = await getAgencyCredentials(db, { agencyId });
  if (stored) {
    const open = (field: Parameters<typeof openAgencySecret>[0]['field'], sealed: string | null) =>
      sealed ? openAgencySecret({ agencyId, field, sealed, key: env.encryptionKey }) : undefined;
    return {
      ...common,
      source: 'agency',
      consumerKey: open('consumerKey', stored.consumerKeyEnc)!,
      consumerSecret: open('consumerSecret', stored.consumerSecretEnc)!,
      passkey: open('passkey', stored.passkeyEnc)!,
      b2cShortcode: agency.b2cShortcode ?? agency.paybillShortcode,
      initiatorName: stored.initiatorName,
      securityCredential: open('securityCredential', stored.securityCredentialEnc),
      initiatorPassword: open('initiatorPassword', stored.initiatorPasswordEnc),
    };
  }
  if ((await getDefaultAgencyId(db, { envShortcode: env.mpesa.shortcode })) !== agencyId) {
    throw new AppError('conflict', `${agency.name} has no M-Pesa credentials yet: an admin adds them under Settings → M-Pesa`);
  }
  return {
    ...common,
    source: 'environment',
    consumerKey: env.mpesa.consumerKey,
    consumerSecret: env.mpesa.consumerSecret,
    passkey: env.mpesa.passkey,
    b2cShortcode: agency.b2cShortcode ?? env.mpesa.b2cShortcode,
    initiatorName: env.mpesa.initiatorName,
    securityCredential: env.mpesa.securityCredential,
    initiatorPassword: env.mpesa.initiatorPassword,
  };
}

/**
 * How long a loaded configuration is reused. Every paybill payment sends a Transaction Status query, and loading
 * the configuration for it read the agency, its sealed credentials and the default agency (three statements and
 * the decryptions) for values that change only when an admin saves them. A save in this process forgets them at
 * once (forgetAgencyMpesaConfigs); another instance uses the new ones within this many milliseconds.
 */
export const AGENCY_MPESA_CONFIG_TTL_MS = 5_000;

// On globalThis: the inbox workers (instrumentation bundle) and the settings route (a route bundle) each have their
// own copy of this module, and a save must reach both. Per database object, so that tests with several databases
// in one process never see each other's agencies.
const shared = globalThis as unknown as { havenAgencyMpesaConfigs?: WeakMap<object, Map<string, { at: number; config: Promise<AgencyMpesaConfig> }>> };

/** loadAgencyMpesaConfig, reused for AGENCY_MPESA_CONFIG_TTL_MS (the environment's values are read once per process). */
export function loadAgencyMpesaConfigCached(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<AgencyMpesaConfig> {
  shared.havenAgencyMpesaConfigs ??= new WeakMap();
  let byAgency = shared.havenAgencyMpesaConfigs.get(db);
  if (!byAgency) shared.havenAgencyMpesaConfigs.set(db, (byAgency = new Map()));
  const held = byAgency.get(agencyId);
  if (held && Date.now() - held.at < AGENCY_MPESA_CONFIG_TTL_MS) return held.config;
  const entry = { at: Date.now(), config: loadAgencyMpesaConfig(db, { agencyId }) };
  byAgency.set(agencyId, entry);
  // A failure (no credentials yet, a database error) is never kept: the next call asks again.
  entry.config.catch(() => byAgency.get(agencyId) === entry && byAgency.delete(agencyId));
  return entry.config;
}

/** Forgets every configuration this process holds: called when an admin saves a paybill or credentials. */
export function forgetAgencyMpesaConfigs(): void {
  shared.havenAgencyMpesaConfigs = new WeakMap();
}
