import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getMoneyOutLimits } from '@/db/queries/money-out-limits';
import { getLastMoneyOutAt, getLatestCheck, getLatestSuccessfulCheck, listBalanceChecks, type BalanceCheckRow } from '@/db/queries/mpesa-balance';
import { resultMessage } from '../b2c/payout-status';

export interface BalanceCheckView {
  id: string;
  status: BalanceCheckRow['status'];
  availableBalanceCents: number | null;
  accounts: NonNullable<BalanceCheckRow['accounts']>;
  message: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface BalanceOverview {
  /** The newest successful check: what the widget shows as the balance. */
  latest: BalanceCheckView | null;
  /** The newest check of any status: PENDING while a refresh is in progress, FAILED with its message. */
  current: BalanceCheckView | null;
  history: BalanceCheckView[];
  /** When a payout or reversal last settled: a balance checked before then is out of date. */
  lastMoneyOutAt: string | null;
  /** The agency's low-balance threshold: below it the widget shows an alert (lib/payments/balance/low-balance.ts). */
  lowBalanceThresholdCents: number;
}

export function toBalanceCheckView(row: BalanceCheckRow): BalanceCheckView {
  const failure = row.status === 'FAILED' || row.status === 'UNKNOWN' ? resultMessage({ api: 'balance', resultCode: row.resultCode, resultDescription: row.resultDescription }) : null;
  return {
    id: row.id,
    status: row.status,
    availableBalanceCents: row.availableBalanceCents,
    accounts: row.accounts ?? [],
    message: failure?.message ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/** What `GET /api/v1/mpesa/balance/latest` and the widget show, for the caller's agency only. */
export async function getBalanceOverview(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<BalanceOverview> {
  const [latest, current, history, lastMoneyOut, limits] = await Promise.all([
    getLatestSuccessfulCheck(db, { agencyId }),
    getLatestCheck(db, { agencyId }),
    listBalanceChecks(db, { agencyId, limit: 30 }),
    getLastMoneyOutAt(db, { agencyId }),
    getMoneyOutLimits(db, { agencyId }),
  ]);
  return {
    latest: latest ? toBalanceCheckView(latest) : null,
    current: current ? toBalanceCheckView(current) : null,
    history: history.map(toBalanceCheckView),
    lastMoneyOutAt: lastMoneyOut?.toISOString() ?? null,
    lowBalanceThresholdCents: limits.lowBalanceCents,
  };
}
