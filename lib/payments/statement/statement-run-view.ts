import type { StatementRunRow } from '@/db/queries/mpesa-statement';

/** A reconciliation run as the API returns it and the admin page shows it. */
export interface StatementRunView {
  id: string;
  trigger: 'sweep' | 'admin';
  windowFrom: string;
  windowTo: string;
  outcome: 'ok' | 'empty' | 'failed' | null;
  rowsSeen: number;
  rowsNew: number;
  receiptsClaimed: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export function toStatementRunView(run: StatementRunRow): StatementRunView {
  return {
    id: run.id,
    trigger: run.trigger,
    windowFrom: run.windowFrom.toISOString(),
    windowTo: run.windowTo.toISOString(),
    outcome: run.outcome,
    rowsSeen: run.rowsSeen,
    rowsNew: run.rowsNew,
    receiptsClaimed: run.receiptsClaimed,
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
