'use client';

import { useSyncExternalStore } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatKes } from '@/lib/money';

/**
 * The dashboard's two charts, the only client code of the page (recharts draws in the browser). Each chart is
 * hidden from screen readers and followed by a table of the same figures that only they read, so nothing is
 * shown as a picture alone (the sr-only wrapper is a div: a table ignores a 1 px width and would widen the page).
 * Axis labels are short (months, day numbers, thousands) to fit a 360 px phone.
 * The charts are drawn only in the browser: recharts' server HTML carries style attributes, which the Content
 * Security Policy blocks (hydration would not put them back); styles React sets on the client are allowed.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(2, 4)}`;
const shortKes = (cents: number) => {
  const kes = cents / 100;
  if (kes >= 1_000_000) return `${(kes / 1_000_000).toFixed(1)}M`;
  if (kes >= 1_000) return `${Math.round(kes / 1_000)}k`;
  return String(Math.round(kes));
};
const tooltipKes = (value: unknown) => formatKes(typeof value === 'number' ? value : Number(value));

export interface CollectionsChartsProps {
  monthly: { period: string; collectedCents: number; dueCents: number }[];
  daily: { day: string; collectedCents: number }[];
}

const noSubscription = () => () => {};

export function CollectionsCharts({ monthly, daily }: CollectionsChartsProps) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const months = monthly.map((m) => ({ label: monthLabel(m.period), collected: m.collectedCents, due: m.dueCents }));
  const days = daily.map((d) => ({ label: String(Number(d.day.slice(8))), collected: d.collectedCents }));
  return (
    <div className="space-y-6">
      <figure className="space-y-2" data-testid="chart-12-months">
        <figcaption className="text-sm font-medium text-slate-800">Collected and due, last 12 months</figcaption>
        <div aria-hidden="true" className="h-56 w-full">
          {inBrowser && (
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={months} margin={{ top: 4, right: 4, bottom: 0, left: -12 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" minTickGap={4} />
                <YAxis tickFormatter={shortKes} tick={{ fontSize: 10 }} width={44} />
                <Tooltip formatter={tooltipKes} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="due" name="Due" fill="#cbd5e1" isAnimationActive={false} />
                <Bar dataKey="collected" name="Collected" fill="#047857" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </div>
        <div className="sr-only">
          <table>
            <caption>Collected and due per month, last 12 months</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Collected</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {monthly.map((m) => (
                <tr key={m.period}>
                  <th scope="row">{monthLabel(m.period)}</th>
                  <td>{formatKes(m.collectedCents)}</td>
                  <td>{formatKes(m.dueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
      <figure className="space-y-2" data-testid="chart-daily">
        <figcaption className="text-sm font-medium text-slate-800">Collected per day this month</figcaption>
        <div aria-hidden="true" className="h-48 w-full">
          {inBrowser && (
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -12 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" minTickGap={6} />
                <YAxis tickFormatter={shortKes} tick={{ fontSize: 10 }} width={44} />
                <Tooltip formatter={tooltipKes} />
                <Bar dataKey="collected" name="Collected" fill="#047857" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </div>
        <div className="sr-only">
          <table>
            <caption>Collected per day this month</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Collected</th>
              </tr>
            </thead>
            <tbody>
              {daily.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{formatKes(d.collectedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </div>
  );
}
