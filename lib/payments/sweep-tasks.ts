import 'server-only';
import type { Db } from '@/db/client';

/**
 * Periodic work that makes every request end (invariant 3): resolving pending pushes, settling unknown payouts.
 * Every task must be safe to run on several app instances at once: claim rows with
 * `FOR UPDATE SKIP LOCKED` (or an advisory lock) so instances never repeat each other's Daraja queries.
 */
export interface SweepTask {
  name: string;
  run(db: Db): Promise<void>;
}

// Each feature adds its task here.
export const sweepTasks: SweepTask[] = [];
