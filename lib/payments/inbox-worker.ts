import 'server-only';
import type { Db } from '@/db/client';
import { claimDueInboxRows } from '@/db/queries/callback-inbox';
import { startLagGauge } from './event-loop-lag';
import { onInboxWake } from './inbox-wake';
import { processClaimedRow } from './process-inbox';

/**
 * The bounded pool that applies stored callbacks. At most `concurrency` rows are processed at once, whatever
 * arrives; free slots are filled from the inbox with one claim for several rows (`FOR UPDATE SKIP LOCKED` and a
 * claim time: several instances share the inbox without waiting on or repeating each other, and a row whose claim
 * expired — its worker died — is taken again). The pool is woken when intake stores a row and polls besides, so a
 * row stored by another instance, or due again after its back-off, is never forgotten.
 *
 * Each row is applied in its own transactions by its processor, exactly as before: retries, back-off and the
 * dead letter are the inbox's (finishInboxRow), and a row held by a live claim is never taken by anyone else.
 *
 * Intake comes first. The workers run in the app's event loop, beside the routes that answer Daraja; while that
 * loop runs late (requests waiting: a burst of callbacks, busy pages) the pool shrinks to `politeConcurrency`, so a
 * backlog costs applying time and never an "Accepted" — and it still moves, however busy the server is.
 *
 * "Late" is sized to the answer Daraja waits for (seconds), not to an idle server: under a steady stream of callbacks
 * the loop's p90 delay sits at tens of milliseconds while every "Accepted" still leaves within the ack goal, and a
 * threshold of 40 ms with a single polite slot held the pool at one row at a time for the whole burst (bench
 * callback-ingest: intake → claimed p50 78 s, 16 callbacks/s applied). Applying mostly waits on Postgres and
 * Daraja, so a few slots cost the loop little more than one.
 */
export interface InboxWorker {
  /** Look for due rows now (intake calls this through the wake signal). */
  wake(): void;
  /** Stops claiming; resolves once the rows being processed are finished. */
  stop(): Promise<void>;
  /** Resolves when nothing is in flight and the last claim found nothing due (tests, benches). */
  idle(): Promise<void>;
}

export interface InboxWorkerOptions {
  db: Db;
  concurrency: number;
  pollMs: number;
  /** Rows claimed per statement at most (never more than the free slots). */
  claimBatch?: number;
  /** Event loop delay (p90, ms) above which the pool steps back to `politeConcurrency`. */
  maxLagMs?: number;
  politeConcurrency?: number;
  onError?: (error: unknown) => void;
}

export function startInboxWorker({
  db,
  concurrency,
  pollMs,
  claimBatch = 10,
  maxLagMs = 150,
  politeConcurrency = Math.min(concurrency, 3),
  onError = (e) => console.error('Inbox worker claim failed', e),
}: InboxWorkerOptions): InboxWorker {
  const gauge = startLagGauge();
  let inFlight = 0;
  let claiming = false;
  let again = false;
  let stopped = false;
  let drained = false;
  const running = new Set<Promise<unknown>>();
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (!drained || inFlight > 0 || claiming) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  };

  const fill = async (): Promise<void> => {
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    try {
      do {
        again = false;
        const allowed = gauge.lagMs() > maxLagMs ? Math.min(concurrency, politeConcurrency) : concurrency;
        const free = allowed - inFlight;
        if (stopped || free <= 0) break;
        const want = Math.min(free, claimBatch);
        const rows = await claimDueInboxRows(db, { limit: want });
        drained = rows.length < want;
        for (const row of rows) {
          inFlight += 1;
          const work = processClaimedRow(db, row).finally(() => {
            inFlight -= 1;
            running.delete(work);
            // A slot came free: there may be more due rows than there were slots.
            void fill();
          });
          running.add(work);
        }
        // A full claim means more may be waiting: claim again while slots are free.
        if (!drained) again = true;
      } while (again && !stopped);
    } catch (error) {
      onError(error);
    } finally {
      claiming = false;
      settleIdle();
    }
  };

  const wake = () => void fill();
  const unsubscribe = onInboxWake(wake);
  const timer = setInterval(wake, pollMs);
  timer.unref();
  wake();

  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      gauge.stop();
      unsubscribe();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    idle() {
      drained = false;
      const done = new Promise<void>((resolve) => idleWaiters.push(resolve));
      wake();
      return done;
    },
  };
}
