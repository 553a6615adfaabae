import Link from 'next/link';
import { Field, inputClass } from '@/components/ui/field';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '@/lib/console/payment-filters';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';

/** The payment search's one box and its filters, as a GET form: works without JavaScript, the URL is shareable. */
export function PaymentFilterForm({ values, properties }: { values: Record<string, string | undefined>; properties: { id: string; name: string }[] }) {
  const select = `${inputClass()} w-full`;
  return (
    <form action="/payments" method="get" role="search" className="space-y-3" aria-label="Search payments">
      <Field id="payment-q" label="Search" hint="M-Pesa receipt, phone (any format), tenant, account number or amount">
        <input id="payment-q" name="q" type="search" defaultValue={values.q} className={inputClass()} placeholder="UL2A3OXZFZ, 0712 345 678, Amina, KH-A1, 25000" />
      </Field>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Field id="payment-from" label="From">
          <input id="payment-from" name="from" type="date" defaultValue={values.from} className={inputClass()} />
        </Field>
        <Field id="payment-to" label="To">
          <input id="payment-to" name="to" type="date" defaultValue={values.to} className={inputClass()} />
        </Field>
        <Field id="payment-method" label="Method">
          <select id="payment-method" name="method" defaultValue={values.method ?? ''} className={select}>
            <option value="">Any method</option>
            {PAYMENT_METHODS.map((m) => <option key={m} value={m}>{paymentMethodLabel[m]}</option>)}
          </select>
        </Field>
        <Field id="payment-status" label="Status">
          <select id="payment-status" name="status" defaultValue={values.status ?? ''} className={select}>
            <option value="">Any status</option>
            {PAYMENT_STATUSES.map((s) => <option key={s} value={s}>{s === 'completed' ? 'Paid' : 'Reversed or undone'}</option>)}
          </select>
        </Field>
        <Field id="payment-property" label="Property">
          <select id="payment-property" name="propertyId" defaultValue={values.propertyId ?? ''} className={select}>
            <option value="">Any property</option>
            {properties.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">Search</button>
        <Link href="/payments" className="text-sm font-medium text-brand-700 underline">Clear</Link>
      </div>
    </form>
  );
}
