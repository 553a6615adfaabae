import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getEnv } from '@/lib/env';
import { getDarajaClient } from '@/lib/mpesa/client';
import type { DarajaClient } from '@/lib/mpesa/client-types';
import { callbackUrl } from './callback-guard';

/**
 * Everything a payment service needs to talk to Daraja for one agency: its client (its own consumer key, paybill,
 * passkey and initiator), its shortcodes, and where Daraja should send the callbacks. One Haven serves many
 * agencies; the environment's values are the default agency's.
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

function defaultContext(): MpesaContext {
  const { mpesa } = getEnv();
  return { client: getDarajaClient(), shortcode: mpesa.shortcode, b2cShortcode: mpesa.b2cShortcode, callbackUrl };
}

// On globalThis: the sweep runs in the instrumentation bundle, callbacks and requests in route bundles, and all of
// them must use the same resolver (tests install one pointing at their own sandbox and callback listener).
const shared = globalThis as unknown as { havenMpesaContextResolver?: MpesaContextResolver | null };

export function setMpesaContextResolver(resolver: MpesaContextResolver | null): void {
  shared.havenMpesaContextResolver = resolver;
}

export async function getMpesaContext(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<MpesaContext> {
  const resolver = shared.havenMpesaContextResolver;
  return resolver ? resolver(db, { agencyId }) : defaultContext();
}
