import 'server-only';
import { createHash } from 'node:crypto';
import { getEnv } from '../env';
import { createDarajaClient } from './client';
import type * as T from './client-types';
import { getProcessTokenStore, setProcessTokenStore, type TokenStore } from './token-store';

/** The app's Daraja clients, shared by every bundle of the process and by every request. */

// On globalThis, not module scope: each Next bundle has its own copy of this module (see token-store.ts).
const shared = globalThis as unknown as { havenDaraja?: { client: T.DarajaClient | null; byConfig: Map<string, T.DarajaClient> } };
const defaults = () => ({ ...(shared.havenDaraja ??= { client: null, byConfig: new Map() }), store: getProcessTokenStore() });

/** Lets the app share tokens across instances (Postgres store); resets the process-wide clients. */
export function setDefaultTokenStore(store: TokenStore): void {
  setProcessTokenStore(store);
  shared.havenDaraja = { client: null, byConfig: new Map() };
}

/**
 * A client for one agency's Daraja configuration, reused while that configuration stays the same: an admin who
 * rotates a secret gets a new client on the next request, and the old one's token is simply never used again.
 * Keyed by a digest so no secret is kept as a map key.
 */
export function getDarajaClientFor(config: T.DarajaClientConfig): T.DarajaClient {
  const { byConfig, store } = defaults();
  const key = createHash('sha256').update(JSON.stringify(config)).digest('hex');
  let client = byConfig.get(key);
  if (!client) {
    client = createDarajaClient(config, { tokenStore: store });
    byConfig.set(key, client);
  }
  return client;
}

/** The process-wide client, configured from `getEnv().mpesa`. */
export function getDarajaClient(): T.DarajaClient {
  const d = defaults();
  const held = shared.havenDaraja!;
  held.client ??= createDarajaClient(getEnv().mpesa, { tokenStore: d.store });
  return held.client;
}
