import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { startInboxWorker, type InboxWorker } from './inbox-worker';

// One pool per process, kept across dev reloads like the sweeper.
const globalForInbox = globalThis as unknown as { havenInboxWorker?: InboxWorker };

/** Starts this process's inbox workers (HAVEN_INBOX_WORKERS at once; 0 leaves the inbox to other instances). */
export async function startInboxWorkers(): Promise<void> {
  const { inboxWorkers, inboxPollMs } = getEnv();
  if (inboxWorkers <= 0 || globalForInbox.havenInboxWorker) return;
  globalForInbox.havenInboxWorker = startInboxWorker({ db: await getDb(), concurrency: inboxWorkers, pollMs: inboxPollMs });
}
