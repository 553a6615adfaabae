import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm, FormInput } from '@/components/forms/api-form';
import { LeaseActions } from '@/components/leases/lease-actions';
import { LeaseDeposit } from '@/components/leases/lease-deposit';
import { PaymentList } from '@/components/leases/payment-list';
import { MessageList } from '@/components/messaging/message-list';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listDeductions, listDisputes, listEvidence } from '@/db/queries/deposits';
import { listRecurringCharges } from '@/db/queries/lease-charges';
import { getDepositHeld, getLeaseBalance, listLeaseCharges, listLeasePayments } from '@/db/queries/ledger-balances';
import { getLeaseForCaller, listRentChangesOfLease } from '@/db/queries/leases';
import { listMessagesFor } from '@/db/queries/messages';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDate, formatPeriod } from '@/lib/format-time';
import { leaseStatusLabel } from '@/lib/leases/lease-status';
import { chargeLabel } from '@/lib/ledger/charge-label';
import { MANUAL_PAYMENT_METHODS } from '@/lib/ledger/payment-methods';
import { nairobiDate, periodOfDate } from '@/lib/ledger/rent-period';
import { rentInForce } from '@/lib/ledger/rent-schedule';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { parseIdParam } from '@/lib/validation/strict';

export const metadata: Metadata = { title: 'Lease' };
export const dynamic = 'force-dynamic';

export default async function LeasePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  // Scoped in the query: someone else's lease and a lease that does not exist look the same (404).
  const lease = await getLeaseForCaller(db, { caller, leaseId: id });
  if (!lease) notFound();
  const [balance, charges, payments, depositHeld, changes, recurring, deductions, evidence, disputes] = await Promise.all([
    getLeaseBalance(db, { leaseId: lease.id }),
    listLeaseCharges(db, { leaseId: lease.id }),
    listLeasePayments(db, { leaseId: lease.id, limit: 24 }),
    getDepositHeld(db, { leaseId: lease.id }),
    listRentChangesOfLease(db, { leaseId: lease.id }),
    listRecurringCharges(db, { leaseId: lease.id }),
    listDeductions(db, { leaseId: lease.id }),
    listEvidence(db, { leaseId: lease.id }),
    listDisputes(db, { leaseId: lease.id }),
  ]);
  const today = nairobiDate(new Date());
  const nextPeriod = lease.nextRentChargeAt ? periodOfDate(nairobiDate(lease.nextRentChargeAt)) : null;
  const currentRent = rentInForce(lease, changes, today.slice(0, 7));
  const canMoveMoney = caller.role === 'admin' || caller.role === 'landlord';
  const tone = lease.status === 'active' ? 'green' : lease.status === 'notice' ? 'amber' : lease.status === 'draft' ? 'blue' : 'slate';
  // Admins see every message sent to the tenant (and about this lease).
  const sentToTenant = caller.role === 'admin' ? await listMessagesFor(db, { agencyId: caller.agencyId, recipientId: lease.tenantId, leaseId: lease.id }) : null;
  return (
    <>
      <PageTitle
        title={`${lease.propertyName} · ${lease.unitLabel}`}
        subtitle={<>{lease.tenantName} · Account <span className="font-mono" data-testid="account-reference">{lease.accountReference}</span> · <span data-testid="lease-status"><Badge tone={tone}>{leaseStatusLabel[lease.status]}</Badge></span></>}
        action={
          <span className="flex flex-wrap gap-2">
            {caller.role === 'tenant' && lease.status !== 'ended' && lease.status !== 'draft' && <ButtonLink href="/tenant/pay">Pay rent</ButtonLink>}
            {lease.status !== 'draft' && <ButtonLink href={`/leases/${lease.id}/statement`} variant="secondary">Statement</ButtonLink>}
          </span>
        }
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Balance due" value={<span data-testid="lease-balance">{formatKes(balance.dueCents)}</span>} tone={balance.dueCents > 0 ? 'warn' : 'good'} hint={balance.creditCents > 0 ? `Credit ${formatKes(balance.creditCents)}` : undefined} />
        <Stat label="Monthly rent" value={formatKes(currentRent)} hint={`Billed day ${lease.billingDay}, due day ${lease.dueDay}`} />
        <Stat label="Deposit held" value={<span data-testid="deposit-held">{formatKes(depositHeld)}</span>} hint={`Agreed ${formatKes(lease.depositCents)}`} />
        <Stat label="Since" value={formatDate(lease.startDate)} hint={lease.endDate ? `Until ${formatDate(lease.endDate)}` : 'Periodic'} />
      </div>
      {canMoveMoney && lease.status !== 'draft' && (
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/leases/${lease.id}/refund`} variant="secondary">Refund part of the deposit</ButtonLink>
        </div>
      )}
      <LeaseActions leaseId={lease.id} status={lease.status} role={caller.role} today={today} nextPeriod={nextPeriod} />
      <Card title="Tenant">
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">Name</dt><dd className="font-medium">{lease.tenantName}</dd></div>
          <div><dt className="text-slate-500">Phone</dt><dd className="font-medium">{lease.tenantPhone ? formatKenyanPhone(lease.tenantPhone) : '—'}</dd></div>
          <div><dt className="text-slate-500">Landlord</dt><dd className="font-medium">{lease.landlordName}</dd></div>
        </dl>
      </Card>
      {(recurring.length > 0 || changes.length > 0) && (
        <Card title="Rent changes and monthly charges">
          <ul className="divide-y divide-slate-100 text-sm">
            {changes.map((c) => <li key={c.id} className="py-2">From {formatPeriod(c.effectivePeriod)}: rent {formatKes(c.monthlyRentCents)} ({c.reason})</li>)}
            {recurring.map((r) => (
              <li key={r.id} className="py-2">
                {r.description}: {formatKes(r.amountCents)}{r.metered === 'metered' ? ' per unit, by meter reading' : ' a month'} from {formatPeriod(r.startPeriod)}
                {r.metered === 'metered' && caller.role !== 'tenant' && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-600">Enter a meter reading</summary>
                    <ApiForm action={`/api/v1/recurring-charges/${r.id}/readings`} label="Meter reading" submitLabel="Save reading">
                      <FormInput id={`period-${r.id}`} name="period" label="Month" type="month" defaultValue={today.slice(0, 7)} />
                      <FormInput id={`reading-${r.id}`} name="reading" label="Reading" inputMode="numeric" />
                      <FormInput id={`prev-${r.id}`} name="previousReading" label="Reading at move-in (first reading only)" inputMode="numeric" />
                      <FormInput id={`readon-${r.id}`} name="readOn" label="Read on" type="date" defaultValue={today} />
                    </ApiForm>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="Charges">
        {charges.length === 0 ? <EmptyState>Nothing charged yet{lease.status === 'draft' ? ': activate the lease to charge the deposit and first rent.' : '.'}</EmptyState> : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="lease-charges">
            {charges.map((c) => (
              <li key={c.id} className="py-2">
                <div className="flex items-center justify-between gap-3">
                  <span>
                    {chargeLabel(c)}
                    <span className="block text-xs text-slate-500">Due {formatDate(c.dueDate)}{c.creditedCents > 0 ? ` · ${formatKes(c.creditedCents)} waived` : ''}</span>
                  </span>
                  <span className="text-right">
                    <span className="block font-medium">{formatKes(c.amountCents)}</span>
                    {c.outstandingCents === 0 ? <Badge tone="green">{c.creditedCents >= c.amountCents ? 'Waived' : 'Paid'}</Badge> : c.allocatedCents > 0 ? <Badge tone="amber">{formatKes(c.outstandingCents)} left</Badge> : <Badge tone="red">Unpaid</Badge>}
                  </span>
                </div>
                {caller.role === 'admin' && c.amountCents - c.creditedCents > 0 && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-slate-600">Waive</summary>
                    <ApiForm action={`/api/v1/charges/${c.id}/waive`} label={`Waive ${c.description}`} submitLabel="Waive with a credit note" variant="secondary">
                      <FormInput id={`waive-amount-${c.id}`} name="amount" label="Amount (KES, empty for all of it)" inputMode="decimal" />
                      <FormInput id={`waive-reason-${c.id}`} name="reason" label="Reason" />
                    </ApiForm>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Payments">
        <PaymentList
          items={payments.map((p) => ({
            id: p.id, amountCents: p.amountCents, receipt: p.mpesaReceiptNumber ?? p.reference, paidAt: p.paidAt, status: p.status, method: p.method, correctionKind: p.correctionKind,
            reverseHref: canMoveMoney && p.mpesaReceiptNumber ? `/payments/${p.id}/reverse` : undefined,
          }))}
        />
        {caller.role === 'admin' && payments.filter((p) => p.status === 'completed' && (MANUAL_PAYMENT_METHODS as readonly string[]).includes(p.method)).map((p) => (
          <details key={p.id} className="mt-2">
            <summary className="cursor-pointer text-xs text-slate-600">Undo the {formatKes(p.amountCents)} payment of {formatDate(p.paidAt)}</summary>
            <ApiForm action={`/api/v1/payments/${p.id}/void`} label="Undo payment" submitLabel="Undo payment" variant="danger">
              <FormInput id={`void-${p.id}`} name="reason" label="Why" placeholder="Cheque bounced" />
            </ApiForm>
          </details>
        ))}
      </Card>
      {lease.status !== 'draft' && (
        <LeaseDeposit leaseId={lease.id} status={lease.status} role={caller.role} heldCents={depositHeld} deductions={deductions} evidence={evidence} disputes={disputes} />
      )}
      {sentToTenant && (
        <Card title="Messages to the tenant">
          <MessageList items={sentToTenant} empty="No SMS or email sent to this tenant yet." />
        </Card>
      )}
    </>
  );
}
