import 'server-only';
import { getEnv } from '@/lib/env';
import { getDarajaClient } from '@/lib/mpesa/client';
import type { C2bAck, DarajaClient } from '@/lib/mpesa/client-types';
import { callbackUrl } from '../callback-guard';

/**
 * Tells Daraja where to send paybill validation and confirmation requests (SPEC §9.1). `Completed` means that
 * when our validation URL cannot answer in time the payment goes through: a tenant's rent is not refused
 * because we were slow, and the confirmation still reaches the inbox.
 */
export async function registerPaybillUrls(
  { client, confirmationUrl, validationUrl, shortcode }: { client: Pick<DarajaClient, 'registerC2bUrls'>; confirmationUrl: string; validationUrl: string; shortcode?: string },
): Promise<C2bAck> {
  return client.registerC2bUrls({ confirmationUrl, validationUrl, responseType: 'Completed', shortcode });
}

const ATTEMPTS = 5;
const RETRY_DELAY_MS = 3_000;

/**
 * Server start-up: registers our URLs in the local and Safaricom sandboxes (which allow re-registering at will).
 * Production registers once and then answers "already registered", so it is left to the operator. Runs in the
 * background and never throws: the local sandbox may start after the app, and a refusal must not stop the server.
 */
export function registerPaybillUrlsInBackground(): void {
  const { environment } = getEnv().mpesa;
  if (environment === 'production') return;
  const urls = { confirmationUrl: callbackUrl('c2b/confirmation'), validationUrl: callbackUrl('c2b/validation') };
  void (async () => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        await registerPaybillUrls({ client: getDarajaClient(), ...urls });
        console.log(`Haven: paybill (C2B) URLs registered with M-Pesa ${environment}`);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt === ATTEMPTS) {
          console.warn(`Haven: could not register the paybill (C2B) URLs; paybill payments will not be confirmed until they are: ${message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS).unref());
      }
    }
  })();
}
