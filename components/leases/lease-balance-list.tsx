import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { formatKes } from '@/lib/money';

export interface LeaseBalanceItem {
  leaseId: string;
  propertyName: string;
  unitLabel: string;
  tenantName: string;
  monthlyRentCents: number;
  balanceCents: number;
}

export function LeaseBalanceList({ items, empty }: { items: LeaseBalanceItem[]; empty: string }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((l) => (
        <li key={l.leaseId}>
          <Link href={`/leases/${l.leaseId}`} className="flex items-center justify-between gap-3 py-3 hover:bg-slate-50">
            {/* Wrapped, never truncated: at 360 px the tenant and unit must still be readable. */}
            <span className="min-w-0" data-testid="lease-row-text">
              <span className="block break-words font-medium text-slate-900">{l.tenantName}</span>
              <span className="block break-words text-sm text-slate-600">
                {l.propertyName} · {l.unitLabel} · {formatKes(l.monthlyRentCents)}/month
              </span>
            </span>
            <span className="shrink-0">
            {l.balanceCents > 0 ? (
              <Badge tone="amber">Owes {formatKes(l.balanceCents)}</Badge>
            ) : l.balanceCents < 0 ? (
              <Badge tone="blue">Credit {formatKes(-l.balanceCents)}</Badge>
            ) : (
              <Badge tone="green">Paid up</Badge>
            )}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
