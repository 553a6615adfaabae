import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { sweepTasks } from './sweep-tasks';

const globalForSweeper = globalThis as unknown as { havenSweeper?: NodeJS.Timeout };

/**
 * Runs every sweep task once; a failing task is logged and does not stop the others. Stored callbacks are not the
 * sweep's: the inbox workers (inbox-worker.ts) apply them, woken by intake and polling on their own.
 */
export async function runSweepOnce(): Promise<void> {
  const db = await getDb();
  for (const task of sweepTasks) {
    try {
      await task.run(db);
    } catch (error) {
      console.error(`Sweep task ${task.name} failed`, error);
    }
  }
}

/** Starts the periodic sweep in this process (idempotent across dev reloads). */
export function startSweeper(): void {
  const seconds = getEnv().sweepIntervalSeconds;
  if (seconds <= 0 || globalForSweeper.havenSweeper) return;
  let running = false;
  globalForSweeper.havenSweeper = setInterval(() => {
    if (running) return;
    running = true;
    runSweepOnce().finally(() => {
      running = false;
    });
  }, seconds * 1000);
  globalForSweeper.havenSweeper.unref();
}
