import { ApiForm, FormInput, FormSelect, FormTextarea } from '@/components/forms/api-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import type { LeaseStatus } from '@/db/schema/leases';
import type { UserRole } from '@/db/schema/users';
import { DEDUCTION_CATEGORIES, deductionCategoryLabel } from '@/lib/deposits/deduction-categories';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';

interface Deduction { id: string; amountCents: number; description: string; category: string | null; createdAt: Date; withdrawn: boolean }
interface Evidence { id: string; movementId: string; fileName: string }
interface Dispute { dispute: { id: string; message: string; response: string | null; resolvedAt: Date | null; createdAt: Date }; raisedByName: string }

/** The deposit on a lease: held, deductions with evidence, the tenant's disputes, and the refund of the rest. */
export function LeaseDeposit({ leaseId, status, role, heldCents, deductions, evidence, disputes }: {
  leaseId: string; status: LeaseStatus; role: UserRole; heldCents: number; deductions: Deduction[]; evidence: Evidence[]; disputes: Dispute[];
}) {
  const settling = status === 'notice' || status === 'ended';
  const openDispute = disputes.some((d) => !d.dispute.resolvedAt);
  const staff = role !== 'tenant';
  return (
    <Card title="Deposit">
      <p className="text-sm text-slate-700">Held now: <strong data-testid="deposit-held-now">{formatKes(heldCents)}</strong></p>
      {deductions.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100 text-sm" data-testid="deductions">
          {deductions.map((d) => (
            <li key={d.id} className="py-2">
              <div className="flex justify-between gap-3">
                <span>
                  <span className="font-medium">{deductionCategoryLabel[d.category as keyof typeof deductionCategoryLabel] ?? 'Deduction'}</span>: {d.description}
                  {d.withdrawn && <> <Badge tone="slate">Withdrawn</Badge></>}
                  <span className="block text-xs text-slate-500">{formatDateTime(d.createdAt)}</span>
                </span>
                <span className={d.withdrawn ? 'text-slate-400 line-through' : 'font-semibold'}>{formatKes(-d.amountCents)}</span>
              </div>
              {evidence.filter((e) => e.movementId === d.id).map((e) => (
                <a key={e.id} href={`/api/v1/deposit/evidence/${e.id}`} className="mr-3 text-xs text-brand-700 underline" target="_blank" rel="noreferrer">{e.fileName}</a>
              ))}
              {staff && !d.withdrawn && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-slate-600">Withdraw this deduction</summary>
                  <ApiForm action={`/api/v1/deposit/deductions/${d.id}/withdraw`} label="Withdraw deduction" submitLabel="Withdraw" variant="secondary">
                    <FormInput id={`withdraw-${d.id}`} name="reason" label="Why" />
                  </ApiForm>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {disputes.length > 0 && (
        <div className="mt-4 space-y-3" data-testid="disputes">
          {disputes.map(({ dispute, raisedByName }) => (
            <div key={dispute.id} className="rounded-lg border border-slate-200 p-3 text-sm">
              <p><strong>{raisedByName}</strong> disputed on {formatDateTime(dispute.createdAt)}: “{dispute.message}”</p>
              {dispute.response ? <p className="mt-2 text-slate-700">Answer: {dispute.response}</p> : <Badge tone="amber">Waiting for an answer</Badge>}
              {staff && !dispute.resolvedAt && (
                <div className="mt-2">
                  <ApiForm action={`/api/v1/deposit/disputes/${dispute.id}/respond`} label="Answer the dispute" submitLabel="Send answer">
                    <FormTextarea id={`answer-${dispute.id}`} name="response" label="Your answer" />
                  </ApiForm>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
      {role === 'tenant' && deductions.some((d) => !d.withdrawn) && !openDispute && (
        <details className="mt-4">
          <summary className="cursor-pointer font-medium">Dispute the deductions</summary>
          <ApiForm action={`/api/v1/leases/${leaseId}/deposit/disputes`} label="Dispute deductions" submitLabel="Send dispute">
            <FormTextarea name="message" label="What do you disagree with?" />
          </ApiForm>
        </details>
      )}
      {staff && settling && (
        <details className="mt-4">
          <summary className="cursor-pointer font-medium">Deduct from the deposit</summary>
          <ApiForm action={`/api/v1/leases/${leaseId}/deposit/deductions`} label="Deduct from the deposit" submitLabel="Add deduction" multipart resetOnSuccess>
            <FormSelect name="category" label="For" options={DEDUCTION_CATEGORIES.map((c) => ({ value: c, label: deductionCategoryLabel[c] }))} />
            <FormInput name="description" label="What was wrong and what it cost" />
            <FormInput name="amount" label="Amount (KES)" inputMode="decimal" />
            <FormInput name="evidence" label="Photos or documents (optional)" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" hint="Up to 4 files, 5 MB each" />
          </ApiForm>
        </details>
      )}
      {staff && status === 'ended' && heldCents > 0 && (
        <div className="mt-4">
          {openDispute ? <EmptyState>Answer the tenant’s dispute before refunding the rest.</EmptyState> : (
            <ApiForm action={`/api/v1/leases/${leaseId}/deposit/refund`} label="Refund the rest" submitLabel={`Refund ${formatKes(Math.floor(heldCents / 100) * 100)} by M-Pesa`}
              confirm="Send the rest of the deposit to the tenant’s M-Pesa?">
              <FormInput name="phone" label="Tenant’s M-Pesa number (leave empty for the number on file)" inputMode="tel" />
            </ApiForm>
          )}
        </div>
      )}
    </Card>
  );
}
