import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { processDueCallbacks } from './process-inbox';
import { sweepTasks } from './sweep-tasks';

const globalForSweeper = globalThis as unknown as { havenSweeper?: NodeJS.Timeout };

/** Runs every sweep task once; a failing task is logged and does not stop the others. */
export async function runSweepOnce(): Promise<void> {
  const db = await getDb();
  const tasks = [{ name: 'callback-inbox', run: (d: typeof db) => processDueCallbacks(d).then(() => undefined) }, ...sweepTasks];
  for (const task of tasks) {
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
