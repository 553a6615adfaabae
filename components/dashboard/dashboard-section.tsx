import { Suspense } from 'react';
import { getDb } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { getDashboard } from '@/lib/console/get-dashboard';
import { DashboardView } from './dashboard-view';

/**
 * The dashboard streamed into its page: the rest of the page (lists, balance) shows at once while the figures,
 * which read a year of the books, are computed; a placeholder says so meanwhile.
 */
export function DashboardSection({ caller }: { caller: Caller }) {
  return (
    <Suspense
      fallback={
        <p role="status" className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600" data-testid="dashboard-loading">
          Adding up this month’s collections…
        </p>
      }
    >
      <DashboardFigures caller={caller} />
    </Suspense>
  );
}

async function DashboardFigures({ caller }: { caller: Caller }) {
  return <DashboardView dashboard={await getDashboard(await getDb(), { caller })} />;
}
