import 'server-only';
import { getDatabase } from '@/db/client';
import { getEnv } from '@/lib/env';
import { OUTBOX_CHANNEL } from './outbox';
import { runOutboxOnce } from './worker';

/**
 * The outbox worker inside the app process: it runs every HAVEN_OUTBOX_INTERVAL_SECONDS and at once when a
 * committed transaction queues a message (NOTIFY), so a receipt goes out while the tenant still looks at the
 * screen. Instances coordinate through the claims in Postgres alone; this loop keeps no state that matters.
 */

const globalForOutbox = globalThis as unknown as { havenOutbox?: { timer: NodeJS.Timeout; stop: () => Promise<void> } };

export async function startOutboxWorker(): Promise<void> {
  const seconds = getEnv().messaging.outboxIntervalSeconds;
  if (seconds <= 0 || globalForOutbox.havenOutbox) return;
  const handle = await getDatabase();
  let running = false;
  let again = false;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          const run = await runOutboxOnce(handle.db);
          // A full batch means more are waiting: go on without waiting for the next tick.
          if (run.claimed >= 20) again = true;
        } while (again);
      } catch (error) {
        console.error('Outbox worker run failed', error);
      } finally {
        running = false;
      }
    })();
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  const unlisten = await handle.listen(OUTBOX_CHANNEL, tick).catch((error: unknown) => {
    console.error('Outbox worker could not LISTEN; it will poll only', error);
    return async () => {};
  });
  globalForOutbox.havenOutbox = { timer, stop: async () => { clearInterval(timer); await unlisten(); } };
  tick();
}
