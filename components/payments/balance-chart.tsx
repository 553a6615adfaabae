import { formatKes } from '@/lib/money';
import { formatDateTime } from '@/lib/format-time';

/** A small line of the available balance over past checks (oldest left); plain SVG, no chart library needed. */
export function BalanceChart({ points }: { points: { at: string; cents: number }[] }) {
  if (points.length < 2) return null;
  const width = 240;
  const height = 48;
  const values = points.map((p) => p.cents);
  const min = Math.min(...values);
  const span = Math.max(1, Math.max(...values) - min);
  const coords = points.map((p, i) => `${((i / (points.length - 1)) * width).toFixed(1)},${(height - 4 - ((p.cents - min) / span) * (height - 8)).toFixed(1)}`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-12 w-full max-w-xs" role="img" aria-label={`Available balance from ${formatKes(first.cents)} on ${formatDateTime(first.at)} to ${formatKes(last.cents)} on ${formatDateTime(last.at)}`}>
        <polyline points={coords.join(' ')} fill="none" stroke="currentColor" strokeWidth="2" className="text-brand-600" />
      </svg>
      <figcaption className="text-xs text-slate-500">Last {points.length} checks</figcaption>
    </figure>
  );
}
