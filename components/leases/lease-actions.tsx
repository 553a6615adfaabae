import { ApiForm, FormInput, FormSelect, FormTextarea } from '@/components/forms/api-form';
import { Card } from '@/components/ui/card';
import type { LeaseStatus } from '@/db/schema/leases';
import { RECURRING_CHARGE_KINDS } from '@/db/schema/leases';
import type { UserRole } from '@/db/schema/users';
import { MANUAL_PAYMENT_METHODS, paymentMethodLabel } from '@/lib/ledger/payment-methods';

/** What staff can do to a lease in its current status; each action is its own small form. */
export function LeaseActions({ leaseId, status, role, today, nextPeriod }: { leaseId: string; status: LeaseStatus; role: UserRole; today: string; nextPeriod: string | null }) {
  if (role === 'tenant') return null;
  const base = `/api/v1/leases/${leaseId}`;
  const live = status === 'active' || status === 'notice';
  return (
    <Card title="Manage">
      <div className="space-y-5">
        {status === 'draft' && (
          <ApiForm action={`${base}/activate`} label="Activate lease" submitLabel="Activate lease" pendingLabel="Activating…">
            <p className="text-sm text-slate-700">The unit becomes let; the deposit and the first month’s rent (prorated if mid-month) are charged now.</p>
          </ApiForm>
        )}
        {role === 'admin' && status !== 'draft' && (
          <details>
            <summary className="cursor-pointer font-medium">Record a cash, bank or cheque payment</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/payments`} label="Record payment" submitLabel="Record payment">
                <FormSelect name="method" label="Paid by" options={MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: paymentMethodLabel[m] }))} />
                <FormInput name="amount" label="Amount (KES)" inputMode="decimal" />
                <FormInput name="paidOn" label="Date paid" type="date" defaultValue={today} hint="Back-date it if it was paid earlier" />
                <FormInput name="reference" label="Reference" hint="Bank reference or cheque number (not needed for cash)" />
                <FormInput name="note" label="Note (optional)" />
              </ApiForm>
            </div>
          </details>
        )}
        {status !== 'draft' && status !== 'ended' && (
          <details>
            <summary className="cursor-pointer font-medium">Add a charge</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/charges`} label="Add a charge" submitLabel="Add charge">
                <FormInput name="description" label="What for" placeholder="Replaced door lock" />
                <FormInput name="amount" label="Amount (KES)" inputMode="numeric" />
                <FormInput name="dueDate" label="Due date" type="date" defaultValue={today} />
              </ApiForm>
            </div>
          </details>
        )}
        {status !== 'ended' && (
          <details>
            <summary className="cursor-pointer font-medium">Add a monthly charge (service, garbage, water…)</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/recurring-charges`} label="Add a monthly charge" submitLabel="Add monthly charge">
                <FormSelect name="kind" label="Kind" options={RECURRING_CHARGE_KINDS.map((k) => ({ value: k, label: k.replace('_', ' ') }))} />
                <FormInput name="description" label="Description" placeholder="Service charge" />
                <FormSelect name="metered" label="Billing" options={[{ value: 'fixed', label: 'Fixed amount each month' }, { value: 'metered', label: 'By meter reading (per unit)' }]} />
                <FormInput name="amount" label="Amount (KES per month, or per unit when metered)" inputMode="decimal" />
                <FormInput name="startPeriod" label="From month" type="month" defaultValue={nextPeriod ?? today.slice(0, 7)} />
              </ApiForm>
            </div>
          </details>
        )}
        {status !== 'ended' && (
          <details>
            <summary className="cursor-pointer font-medium">Change the rent</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/rent-changes`} label="Change the rent" submitLabel="Change rent">
                <FormInput name="effectivePeriod" label="From month" type="month" defaultValue={nextPeriod ?? undefined} />
                <FormInput name="monthlyRent" label="New monthly rent (KES)" inputMode="numeric" />
                <FormInput name="reason" label="Reason" placeholder="Annual review" />
              </ApiForm>
            </div>
          </details>
        )}
        {status === 'active' && (
          <details>
            <summary className="cursor-pointer font-medium">Give notice</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/notice`} label="Give notice" submitLabel="Give notice">
                <FormInput name="endDate" label="Move-out date" type="date" />
                <FormInput name="reason" label="Reason (optional)" />
              </ApiForm>
            </div>
          </details>
        )}
        {status === 'notice' && (
          <ApiForm action={`${base}/notice/withdraw`} label="Withdraw notice" submitLabel="Withdraw notice" variant="secondary" />
        )}
        {(live || status === 'draft') && (
          <details>
            <summary className="cursor-pointer font-medium">{status === 'draft' ? 'Discard this draft' : 'End the lease (move-out)'}</summary>
            <div className="mt-3">
              <ApiForm action={`${base}/end`} label="End lease" submitLabel={status === 'draft' ? 'Discard draft' : 'End lease'} variant="danger">
                <FormInput name="endDate" label="Move-out date" type="date" defaultValue={today} />
                <FormTextarea name="reason" label="Reason" />
              </ApiForm>
            </div>
          </details>
        )}
      </div>
    </Card>
  );
}
