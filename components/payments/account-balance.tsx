'use client';

import ky from 'ky';
import { useEffect, useState } from 'react';
import useSWR from 'swr';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatRelative } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { balanceRefreshInterval, isBalanceStale } from '@/lib/payments/balance/balance-staleness';
import { isBalanceLow } from '@/lib/payments/balance/low-balance';
import type { BalanceOverview } from '@/lib/payments/balance/get-balance-overview';
import { BalanceChart } from './balance-chart';

export const BALANCE_KEY = '/api/v1/mpesa/balance/latest';
const fetchOverview = (url: string) => ky.get(url, { timeout: 15_000 }).json<BalanceOverview>();

/** The paybill's balance for admins: available funds, freshness, a Refresh that queries M-Pesa, every account, history. */
export function AccountBalance() {
  // After a payout or reversal settles Haven checks the balance by itself: poll fast until that check lands.
  const { data, error, mutate } = useSWR(BALANCE_KEY, fetchOverview, { refreshInterval: (latest) => balanceRefreshInterval(latest) });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  // Re-render every 30 s so "last checked 2 min ago" stays true.
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  const checking = starting || data?.current?.status === 'PENDING';
  const latest = data?.latest ?? null;
  const stale = data ? isBalanceStale(data) : false;
  const threshold = data?.lowBalanceThresholdCents ?? null;
  const low = latest !== null && threshold !== null && isBalanceLow({ availableCents: latest.availableBalanceCents, thresholdCents: threshold });
  const failed = data?.current && (data.current.status === 'FAILED' || data.current.status === 'UNKNOWN') ? data.current : null;

  async function refresh() {
    setStarting(true);
    setStartError(null);
    try {
      const res = await ky.post('/api/v1/mpesa/balance', { json: {}, throwHttpErrors: false, timeout: 30_000 });
      if (!res.ok) setStartError(((await res.json()) as { error?: { message?: string } }).error?.message ?? 'Could not start a balance check');
      await mutate();
    } catch {
      setStartError('Could not reach Haven. Try again.');
    } finally {
      setStarting(false);
    }
  }

  const points = (data?.history ?? [])
    .filter((c) => c.status === 'SUCCESS' && c.availableBalanceCents !== null)
    .map((c) => ({ at: c.completedAt ?? c.createdAt, cents: c.availableBalanceCents! }))
    .reverse();

  return (
    <Card
      title="Paybill balance"
      action={
        <Button variant="secondary" onClick={refresh} disabled={checking}>
          {checking ? 'Checking…' : 'Refresh'}
        </Button>
      }
    >
      <div className="space-y-3" data-testid="account-balance" data-checking={checking ? 'true' : 'false'} data-stale={stale ? 'true' : 'false'}>
        {error && !data && <Alert tone="error">Could not load the balance.</Alert>}
        {latest ? (
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Available (Utility account)</p>
            <p className="text-3xl font-bold text-slate-900" data-testid="balance-available">
              {latest.availableBalanceCents !== null ? formatKes(latest.availableBalanceCents) : '—'}
            </p>
            <p className="text-sm text-slate-600">Last checked {formatRelative(latest.completedAt ?? latest.createdAt)}</p>
            {threshold !== null && (
              <p className="text-sm text-slate-600" data-testid="balance-threshold">
                Low-balance threshold: {formatKes(threshold)}
              </p>
            )}
            {stale && (
              <p className="text-sm text-amber-800" data-testid="balance-stale">
                Money has gone out since this check; Haven is checking the balance again.
              </p>
            )}
          </div>
        ) : (
          !checking && data && <p className="text-sm text-slate-600">No balance checked yet. Press Refresh to ask M-Pesa.</p>
        )}
        {low && (
          <div data-testid="low-balance-alert">
            <Alert tone="warning" title="The paybill balance is low">
              The Utility account holds less than the agency’s low-balance threshold of {formatKes(threshold!)}: refunds and payouts may fail until it is
              topped up.
            </Alert>
          </div>
        )}
        {checking && (
          <p role="status" className="text-sm text-sky-800">
            Asking M-Pesa for the balance…
          </p>
        )}
        {(startError || failed) && !checking && (
          <Alert tone="warning" title="The last balance check did not complete">
            {startError ?? failed?.message}
          </Alert>
        )}
        {latest && latest.accounts.length > 0 && (
          <table className="w-full text-sm" data-testid="balance-accounts">
            <tbody>
              {latest.accounts.map((a) => (
                <tr key={a.name} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal text-slate-700">{a.name}</th>
                  <td className="py-1 text-right font-medium tabular-nums">{formatKes(a.availableCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <BalanceChart points={points} />
      </div>
    </Card>
  );
}
