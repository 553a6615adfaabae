import 'server-only';
import type { Db } from '@/db/client';
import { getEnv } from '@/lib/env';
import type { C2bAck, DarajaClient } from '@/lib/mpesa/client-types';
import { listMpesaContexts } from '../mpesa-context';
import { registerPull } from '../statement/register-pull';

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

async function withRetries(what: string, work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      await work();
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt === ATTEMPTS) {
        console.warn(`Haven: could not ${what}: ${message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS).unref());
    }
  }
}

/**
 * Server start-up, for every agency: registers our paybill URLs in the local and Safaricom sandboxes (which allow
 * re-registering at will; production registers once and then answers "already registered", so it is left to the
 * operator), and registers the local sandbox's paybill for Pull Transactions (an admin's action elsewhere: it needs
 * the number on the paybill's KYC record). Runs in the background and never throws: the local sandbox may start
 * after the app, and a refusal must not stop the server.
 */
export function registerWithMpesaInBackground(db: Db): void {
  const { environment } = getEnv().mpesa;
  if (environment === 'production') return;
  void (async () => {
    for (const { agencyId: id, mpesa: ctx } of await listMpesaContexts(db)) {
      const urls = { confirmationUrl: ctx.callbackUrl('c2b/confirmation'), validationUrl: ctx.callbackUrl('c2b/validation'), shortcode: ctx.shortcode };
      await withRetries(`register the paybill (C2B) URLs of ${ctx.shortcode}; its paybill payments reach Haven only through the statement until they are`, async () => {
        await registerPaybillUrls({ client: ctx.client, ...urls });
        console.log(`Haven: paybill ${ctx.shortcode} (C2B) URLs registered with M-Pesa ${environment}`);
      });
      if (environment !== 'local') continue;
      await withRetries(`register paybill ${ctx.shortcode} for M-Pesa statements (Pull Transactions)`, async () => {
        const result = await registerPull(db, { agencyId: id, actor: null, mpesa: ctx });
        if (result.outcome === 'refused') throw new Error(`${result.status} ${result.description}`);
      });
    }
  })().catch((error: unknown) => console.warn('Haven: start-up registration with M-Pesa failed', error));
}
