import 'server-only';
import type { DbOrTx } from '@/db/client';
import { agencies } from '@/db/schema';
import { loadAgencyMpesaConfigCached } from '@/lib/agency/agency-mpesa-config';
import { isAppError } from '@/lib/errors';
import { getDarajaClientFor } from '@/lib/mpesa/shared-clients';
import type { DarajaClient } from '@/lib/mpesa/client-types';
import { callbackUrl } from './callback-guard';

/**
 * Everything a payment service needs to talk to Daraja for one agency: its client (its own consumer key, paybill,
 * passkey and initiator), its shortcodes, and where Daraja should send the callbacks. One Haven serves many
 * agencies; each agency's credentials come from its sealed settings, the default agency's from the environment.
 */
export interface MpesaContext {
  client: DarajaClient;
  /** The paybill that receives rent (STK BusinessShortCode, C2B, Pull, Transaction Status for payments in). */
  shortcode: string;
  /** The shortcode B2C payouts, balance checks and money-out status queries use. */
  b2cShortcode: string;
  callbackUrl(path: string): string;
}

export type MpesaContextResolver = (db: DbOrTx, { agencyId }: { agencyId: string }) => Promise<MpesaContext>;

async function loadContext(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<MpesaContext> {
  // Reused for a few seconds (one Transaction Status query per payment read it three times over); a save in this
  // process applies to the very next request, one in another instance within AGENCY_MPESA_CONFIG_TTL_MS.
  const config = await loadAgencyMpesaConfigCached(db, { agencyId });
  return { client: getDarajaClientFor(config), shortcode: config.shortcode, b2cShortcode: config.b2cShortcode, callbackUrl };
}

// On globalThis: the sweep runs in the instrumentation bundle, callbacks and requests in route bundles, and all of
// them must use the same resolver (tests install one pointing at their own sandbox and callback listener).
const shared = globalThis as unknown as { havenMpesaContextResolver?: MpesaContextResolver | null };

export function setMpesaContextResolver(resolver: MpesaContextResolver | null): void {
  shared.havenMpesaContextResolver = resolver;
}

export async function getMpesaContext(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<MpesaContext> {
  const resolver = shared.havenMpesaContextResolver;
  return resolver ? resolver(db, { agencyId }) : loadContext(db, { agencyId });
}

/**
 * The agencies Haven can reach M-Pesa for, with their contexts, for the background sweeps. An agency that has not
 * stored its credentials yet is left out (its admin sees why under Settings → M-Pesa) rather than stopping the
 * sweep for every other agency.
 */
export async function listMpesaContexts(db: DbOrTx): Promise<Array<{ agencyId: string; mpesa: MpesaContext }>> {
  const found: Array<{ agencyId: string; mpesa: MpesaContext }> = [];
  for (const { id } of await db.select({ id: agencies.id }).from(agencies)) {
    try {
      found.push({ agencyId: id, mpesa: await getMpesaContext(db, { agencyId: id }) });
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict') continue;
      throw error;
    }
  }
  return found;
}
