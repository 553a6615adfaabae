import { Card, EmptyState, Stat } from '@/components/ui/card';
import type { CollectionWindow, Dashboard } from '@/lib/console/get-dashboard';
import { formatKes } from '@/lib/money';
import { CollectionsCharts } from './collections-charts';

/**
 * The dashboard's figures (lib/console/get-dashboard.ts) for an admin or a landlord. Each figure carries its exact
 * value in data-cents (or data-count), so tests compare it with the books without parsing formatted text.
 */

const percentOf = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100));

function CollectedStat({ label, testId, window }: { label: string; testId: string; window: CollectionWindow }) {
  const pct = percentOf(window.collectedCents, window.dueCents);
  return (
    <Stat
      label={label}
      value={<span data-testid={testId} data-cents={window.collectedCents}>{formatKes(window.collectedCents)}</span>}
      hint={
        <span data-testid={`${testId}-due`} data-cents={window.dueCents}>
          {window.dueCents === 0 ? 'Nothing fell due' : `${pct}% of ${formatKes(window.dueCents)} due`}
        </span>
      }
      tone="good"
    />
  );
}

export function DashboardView({ dashboard: d }: { dashboard: Dashboard }) {
  const routes = [...new Map([...d.month.byRoute, ...d.week.byRoute, ...d.today.byRoute].map((r) => [r.method, r.label]))];
  const cents = (w: CollectionWindow, method: string) => w.byRoute.find((r) => r.method === method)?.cents ?? 0;
  return (
    <div className="space-y-4" data-testid="dashboard">
      <div className="grid grid-cols-1 gap-3 min-[400px]:grid-cols-2 lg:grid-cols-4">
        <CollectedStat label="Collected today" testId="collected-today" window={d.today} />
        <CollectedStat label="Collected this week" testId="collected-this-week" window={d.week} />
        <CollectedStat label="Collected this month" testId="collected-this-month" window={d.month} />
        <Stat
          label="Occupancy"
          value={<span data-testid="occupancy" data-count={d.occupancy.occupied}>{d.occupancy.percent === null ? '—' : `${d.occupancy.percent}%`}</span>}
          hint={`${d.occupancy.occupied} of ${d.occupancy.units} units let`}
        />
      </div>

      <Card title="Collected by route">
        {routes.length === 0 ? (
          <EmptyState>No payments this month yet.</EmptyState>
        ) : (
          <table className="w-full text-sm" data-testid="collected-by-route">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="py-1 font-medium">Route</th>
                <th scope="col" className="py-1 text-right font-medium">Today</th>
                <th scope="col" className="py-1 text-right font-medium">Week</th>
                <th scope="col" className="py-1 text-right font-medium">Month</th>
              </tr>
            </thead>
            <tbody>
              {routes.map(([method, label]) => (
                <tr key={method} className="border-t border-slate-100" data-route={method}>
                  <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-700">{label}</th>
                  <td className="py-1 text-right tabular-nums" data-cents={cents(d.today, method)}>{formatKes(cents(d.today, method))}</td>
                  <td className="py-1 text-right tabular-nums" data-cents={cents(d.week, method)}>{formatKes(cents(d.week, method))}</td>
                  <td className="py-1 text-right font-medium tabular-nums" data-cents={cents(d.month, method)}>{formatKes(cents(d.month, method))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-3 text-sm text-slate-600">
          Average payment this month:{' '}
          <strong data-testid="average-payment" data-cents={d.month.averageCents ?? ''}>{d.month.averageCents === null ? '—' : formatKes(d.month.averageCents)}</strong>
          {d.month.paymentCount > 0 && ` over ${d.month.paymentCount} payment${d.month.paymentCount === 1 ? '' : 's'}`}
        </p>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="M-Pesa prompts this month">
          {d.stk.started === 0 ? (
            <EmptyState>No payment prompts sent this month.</EmptyState>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">
                <strong className="text-2xl text-slate-900" data-testid="stk-success-rate" data-count={d.stk.successRate ?? ''}>
                  {d.stk.successRate === null ? '—' : `${d.stk.successRate}%`}
                </strong>{' '}
                succeeded ({d.stk.succeeded} of {d.stk.succeeded + d.stk.failed} that ended{d.stk.pending > 0 ? `; ${d.stk.pending} still waiting` : ''})
              </p>
              {d.stk.reasons.length > 0 && (
                <table className="w-full text-sm" data-testid="stk-failure-reasons">
                  <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Why prompts failed</caption>
                  <tbody>
                    {d.stk.reasons.map((r) => (
                      <tr key={r.reason} className="border-t border-slate-100" data-reason={r.reason}>
                        <th scope="row" className="py-1 text-left font-normal text-slate-700">{r.label}</th>
                        <td className="py-1 text-right font-medium tabular-nums" data-count={r.count}>{r.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </Card>

        <Card title="Arrears by age">
          <table className="w-full text-sm" data-testid="arrears-by-age">
            <caption className="mb-1 text-left text-sm text-slate-600">
              <span data-testid="arrears-total" data-cents={d.arrears.totalCents}>{formatKes(d.arrears.totalCents)}</span> owed on {d.arrears.leases} lease{d.arrears.leases === 1 ? '' : 's'}, by days since due
            </caption>
            <tbody>
              {d.arrears.bands.map((b) => (
                <tr key={b.key} className="border-t border-slate-100" data-band={b.key}>
                  <th scope="row" className="py-1 text-left font-normal text-slate-700">{b.label}</th>
                  <td className="py-1 text-right text-slate-600">{b.leases} lease{b.leases === 1 ? '' : 's'}</td>
                  <td className="py-1 text-right font-medium tabular-nums" data-cents={b.cents}>{formatKes(b.cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>

      <Card title="Collections">
        <CollectionsCharts monthly={d.monthly} daily={d.daily} />
      </Card>
    </div>
  );
}
