import 'server-only';
import type { Db } from '@/db/client';
import { pruneRateLimits } from '@/db/queries/rate-limit';

const EVERY_MS = 10 * 60 * 1000;
// Longer than any window a counter is read over (STK limits: minutes; sign-in: 24 h at most once expired).
const KEEP_SECONDS = 24 * 3600;
let lastRun = 0;

/** The sweep runs every few seconds; deleting old throttle rows every ten minutes is plenty. Idempotent. */
export async function pruneRateLimitsOccasionally(db: Db): Promise<void> {
  if (Date.now() - lastRun < EVERY_MS) return;
  lastRun = Date.now();
  await pruneRateLimits(db, { olderThanSeconds: KEEP_SECONDS });
}
