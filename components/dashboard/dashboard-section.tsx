import { Suspense } from 'react';
import type { DbOrTx } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { getDashboard, type Dashboard } from '@/lib/console/get-dashboard';
import { DashboardView } from './dashboard-view';

/**
 * Starts computing the dashboard at once, for a page to hand to DashboardSection: the page's own lists and the
 * figures are then read side by side instead of one after the other. The page may fail before the section awaits
 * it; that rejection is the page's error, not an unhandled one.
 */
export function startDashboard(db: DbOrTx, { caller }: { caller: Caller }): Promise<Dashboard> {
  const dashboard = getDashboard(db, { caller });
  dashboard.catch(() => {});
  return dashboard;
}

/**
 * The dashboard streamed into its page: the rest of the page (lists, balance) shows at once while the figures are
 * computed; a placeholder says so meanwhile.
 */
export function DashboardSection({ dashboard }: { dashboard: Promise<Dashboard> }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600" data-testid="dashboard-loading">
          Adding up this month’s collections…
        </p>
      }
    >
      <DashboardFigures dashboard={dashboard} />
    </Suspense>
  );
}

async function DashboardFigures({ dashboard }: { dashboard: Promise<Dashboard> }) {
  return <DashboardView dashboard={await dashboard} />;
}
