import 'server-only';
import type { Db } from '@/db/client';
import { getStatementCursor } from '@/db/queries/mpesa-statement';
import { getEnv } from '@/lib/env';
import { listMpesaContexts } from '../mpesa-context';
import { reconcileStatement } from './reconcile-statement';

/** Sweep: reconciles each agency's paybill against M-Pesa's statement once per HAVEN_RECONCILE_INTERVAL_SECONDS. */
export async function reconcileDueStatements(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const interval = getEnv().reconcileIntervalSeconds;
  if (interval <= 0) return 0;
  let ran = 0;
  for (const { agencyId, mpesa } of await listMpesaContexts(db)) {
    const cursor = await getStatementCursor(db, { shortcode: mpesa.shortcode });
    if (cursor?.lastRunAt && now.getTime() - cursor.lastRunAt.getTime() < interval * 1000) continue;
    const result = await reconcileStatement(db, { agencyId, trigger: 'sweep', now, mpesa });
    if (!result.skipped) ran += 1;
  }
  return ran;
}
