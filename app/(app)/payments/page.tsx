import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { PaymentFilterForm } from '@/components/payments/payment-filter-form';
import { PaymentSearchResults } from '@/components/payments/payment-search-results';
import { Alert } from '@/components/ui/alert';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPropertiesForCaller } from '@/db/queries/overview';
import { searchPaymentsForCaller } from '@/db/queries/payment-search';
import { requirePageCaller } from '@/lib/auth/session';
import { paymentFiltersFrom, paymentFiltersQuery } from '@/lib/console/payment-filters';
import { decodeCursor, encodeCursor } from '@/lib/pagination/cursor';

export const metadata: Metadata = { title: 'Payments' };
export const dynamic = 'force-dynamic';

type Params = Record<string, string | string[] | undefined>;

/** Find any shilling: one search box over the caller's payments (an admin's agency, a landlord's properties). */
export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const params = await searchParams;
  const parsed = paymentFiltersFrom(params);
  const db = await getDb();
  const after = decodeCursor([params.after].flat()[0]);
  const [properties, page] = await Promise.all([
    listPropertiesForCaller(db, { caller }),
    parsed.success ? searchPaymentsForCaller(db, { caller, filters: parsed.data, after: after ? { paidAt: after[0], id: after[1] } : null }) : null,
  ]);
  const values = Object.fromEntries(['q', 'from', 'to', 'method', 'status', 'propertyId'].map((k) => [k, [params[k]].flat()[0]]));
  const filtered = parsed.success && Object.keys(parsed.data).length > 0;
  const query = parsed.success ? paymentFiltersQuery(parsed.data) : '';
  return (
    <>
      <PageTitle title="Payments" subtitle={caller.role === 'admin' ? 'Every payment into the agency’s books' : 'Payments on your properties'} />
      <Card>
        <PaymentFilterForm values={values} properties={properties} />
      </Card>
      {!parsed.success ? (
        <Alert tone="error" title="Check the search">{parsed.error.issues[0]?.message ?? 'Some filters are not valid'}</Alert>
      ) : (
        <Card
          title={filtered ? 'Matching payments' : 'Latest payments'}
          action={
            <a href={`/api/v1/payments/export${query}`} download className="text-sm font-medium text-brand-700 underline" data-testid="payments-csv">
              Download CSV
            </a>
          }
        >
          {page && page.items.length > 0 ? (
            <>
              <PaymentSearchResults items={page.items} />
              {page.next && (
                <p className="pt-3 text-right">
                  <Link href={`/payments${paymentFiltersQuery(parsed.data, { after: encodeCursor(page.next.paidAt, page.next.id) })}`} className="text-sm font-medium text-brand-700 underline">
                    Next page →
                  </Link>
                </p>
              )}
            </>
          ) : (
            <EmptyState>{filtered ? 'No payment matches. Try the receipt, the phone the money came from, or the amount.' : 'No payments yet.'}</EmptyState>
          )}
        </Card>
      )}
    </>
  );
}
