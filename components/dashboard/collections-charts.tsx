'use client';

import { useSyncExternalStore, type ReactElement } from 'react';
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
const CHART_MARGIN = { top: 4, right: 4, bottom: 0, left: -12 };

/**
 * The grid, axes and tooltip both charts share. A function returning elements, not a component: recharts finds
 * its axes among the chart's children by type, and a wrapper component would hide them from it.
 */
function kesAxes(minTickGap: number) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />,
    <XAxis key="x" dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" minTickGap={minTickGap} />,
    <YAxis key="y" tickFormatter={shortKes} tick={{ fontSize: 10 }} width={44} />,
    <Tooltip key="tooltip" formatter={tooltipKes} />,
  ];
}

/** One chart (drawn in the browser only, hidden from screen readers) and the table screen readers get instead. */
function ChartFigure({ testId, caption, tableCaption, heightClass, headers, rows, children }: {
  testId: string; caption: string; tableCaption: string; heightClass: string; headers: string[];
  rows: { key: string; cells: [head: string, ...figures: string[]] }[]; children: ReactElement;
}) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <figure className="space-y-2" data-testid={testId}>
      <figcaption className="text-sm font-medium text-slate-800">{caption}</figcaption>
      <div aria-hidden="true" className={`${heightClass} w-full`}>
        {inBrowser && (
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        )}
      </div>
      <div className="sr-only">
        <table>
          <caption>{tableCaption}</caption>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, cells: [head, ...figures] }) => (
              <tr key={key}>
                <th scope="row">{head}</th>
                {figures.map((figure, i) => (
                  <td key={i}>{figure}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export function CollectionsCharts({ monthly, daily }: CollectionsChartsProps) {
  const months = monthly.map((m) => ({ label: monthLabel(m.period), collected: m.collectedCents, due: m.dueCents }));
  const days = daily.map((d) => ({ label: String(Number(d.day.slice(8))), collected: d.collectedCents }));
  return (
    <div className="space-y-6">
      <ChartFigure
        testId="chart-12-months"
        caption="Collected and due, last 12 months"
        tableCaption="Collected and due per month, last 12 months"
        heightClass="h-56"
        headers={['Month', 'Collected', 'Due']}
        rows={monthly.map((m) => ({ key: m.period, cells: [monthLabel(m.period), formatKes(m.collectedCents), formatKes(m.dueCents)] }))}
      >
        <BarChart data={months} margin={CHART_MARGIN}>
          {kesAxes(4)}
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="due" name="Due" fill="#cbd5e1" isAnimationActive={false} />
          <Bar dataKey="collected" name="Collected" fill="#047857" isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
      <ChartFigure
        testId="chart-daily"
        caption="Collected per day this month"
        tableCaption="Collected per day this month"
        heightClass="h-48"
        headers={['Day', 'Collected']}
        rows={daily.map((d) => ({ key: d.day, cells: [d.day, formatKes(d.collectedCents)] }))}
      >
        <BarChart data={days} margin={CHART_MARGIN}>
          {kesAxes(6)}
          <Bar dataKey="collected" name="Collected" fill="#047857" isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
    </div>
  );
}
