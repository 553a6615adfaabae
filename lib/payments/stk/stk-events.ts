import 'server-only';
import { sql } from 'drizzle-orm';
import { getDatabase, type DatabaseHandle, type DbOrTx } from '@/db/client';

/**
 * "This push changed": a Postgres NOTIFY sent inside the transaction that changed it (so it is delivered only if
 * the change committed, to every app instance), fanned out in each process to the open event streams.
 */
export const STK_STATUS_CHANNEL = 'stk_status';

/** Keyed by the push's own id: a push whose send outcome is unknown has no CheckoutRequestID, and is followed too. */
export async function notifyStkStatus(db: DbOrTx, { id }: { id: string }): Promise<void> {
  await db.execute(sql`select pg_notify(${STK_STATUS_CHANNEL}, ${id})`);
}

type Listener = () => void;

interface Hub {
  listeners: Map<string, Set<Listener>>;
  ready: Promise<void> | null;
}

const globalForHub = globalThis as unknown as { havenStkHub?: Hub };

/** One LISTEN per process (not one connection per open screen), whatever the number of subscribers. */
function hub(): Hub {
  globalForHub.havenStkHub ??= { listeners: new Map(), ready: null };
  return globalForHub.havenStkHub;
}

async function ensureListening(handle: DatabaseHandle): Promise<void> {
  const h = hub();
  h.ready ??= handle
    .listen(STK_STATUS_CHANNEL, (payload) => {
      for (const listener of h.listeners.get(payload) ?? []) listener();
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      h.ready = null;
      throw error;
    });
  return h.ready;
}

/** Calls `onChange` whenever the push is notified; resolves to an unsubscribe function. */
export async function subscribeStkStatus(
  { pushId }: { pushId: string },
  onChange: Listener,
  handle?: DatabaseHandle,
): Promise<() => void> {
  await ensureListening(handle ?? (await getDatabase()));
  const { listeners } = hub();
  const set = listeners.get(pushId) ?? new Set<Listener>();
  set.add(onChange);
  listeners.set(pushId, set);
  return () => {
    set.delete(onChange);
    if (set.size === 0) listeners.delete(pushId);
  };
}
