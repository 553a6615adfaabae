import type { Metadata } from 'next';
import { PageTitle } from '@/components/layout/app-shell';
import { ApiForm, FormInput, FormSelect } from '@/components/forms/api-form';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getAgencySettingsView } from '@/lib/agency/agency-settings';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';

export const metadata: Metadata = { title: 'Agency settings' };
export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const caller = await requirePageCaller(['admin']);
  const { agency: a, credentials: c } = await getAgencySettingsView(await getDb(), { caller });
  const secretHint = (v: string | null) => (v ? `Stored: ${v}. Leave empty to keep it.` : 'Not set');
  return (
    <>
      <PageTitle title="Agency settings" subtitle={a.name} />
      <Card title="Agency, approvals, late fees and defaults">
        <ApiForm action="/api/v1/agency/settings" method="PUT" label="Agency settings" submitLabel="Save settings">
          <FormInput name="name" label="Agency name" defaultValue={a.name} />
          <FormInput name="payoutApprovalThreshold" label="Payouts above this need a second admin’s approval (KES)" inputMode="numeric" defaultValue={String(a.payoutApprovalThresholdCents / 100)} />
          <FormInput name="moneyOutDailyRequesterLimit" label="Above this in 24 h, one person’s payouts and reversals need approval (KES)" inputMode="numeric" defaultValue={String(a.moneyOutDailyRequesterLimitCents / 100)} />
          <FormInput name="moneyOutDailyPhoneLimit" label="Above this in 24 h to one phone, payouts and reversals need approval (KES)" inputMode="numeric" defaultValue={String(a.moneyOutDailyPhoneLimitCents / 100)} />
          <FormInput name="lowBalanceThreshold" label="Warn when the paybill’s Utility balance is below this (KES)" inputMode="numeric" defaultValue={String(a.lowBalanceThresholdCents / 100)} hint="Admins get an alert, and payout and reversal forms warn before taking the balance below it." />
          <FormSelect name="lateFeeKind" label="Late fee" defaultValue={a.lateFeeKind} options={[{ value: 'none', label: 'No late fees' }, { value: 'fixed', label: 'A fixed amount' }, { value: 'percent', label: 'A percent of the rent unpaid' }]} />
          <FormInput name="lateFeeFixed" label="Fixed late fee (KES)" inputMode="numeric" defaultValue={String(a.lateFeeFixedCents / 100)} />
          <FormInput name="lateFeePercent" label="Late fee percent" inputMode="decimal" defaultValue={String(a.lateFeePercentBps / 100)} />
          <FormInput name="lateFeeAfterDays" label="Charged when rent is unpaid this many days after it is due" inputMode="numeric" defaultValue={String(a.lateFeeAfterDays)} />
          <FormInput name="defaultBillingDay" label="Default billing day for new leases" inputMode="numeric" defaultValue={String(a.defaultBillingDay)} />
          <FormInput name="defaultDueDay" label="Default due day for new leases" inputMode="numeric" defaultValue={String(a.defaultDueDay)} />
          <FormInput name="defaultCommissionPercent" label="Default commission for new properties (%)" inputMode="decimal" defaultValue={String(a.defaultCommissionBps / 100)} />
        </ApiForm>
      </Card>
      <Card title="M-Pesa (Daraja)">
        <p className="mb-4 text-sm text-slate-700">
          {c.configured ? `This agency’s own Daraja app is stored (encrypted), last changed ${c.updatedAt ? formatDateTime(c.updatedAt) : ''}.` : 'No credentials stored: the first agency uses the server’s environment; any other agency must enter its own before taking payments.'}
        </p>
        <ApiForm action="/api/v1/agency/mpesa-credentials" method="PUT" label="M-Pesa credentials" submitLabel="Save M-Pesa settings">
          <FormInput name="paybillShortcode" label="Paybill number" inputMode="numeric" defaultValue={a.paybillShortcode} />
          <FormInput name="b2cShortcode" label="B2C shortcode (if different)" inputMode="numeric" defaultValue={a.b2cShortcode ?? ''} />
          <FormInput name="consumerKey" label="Consumer key" autoComplete="off" hint={secretHint(c.consumerKey)} />
          <FormInput name="consumerSecret" label="Consumer secret" type="password" autoComplete="new-password" hint={secretHint(c.consumerSecret)} />
          <FormInput name="passkey" label="Lipa na M-Pesa passkey" type="password" autoComplete="new-password" hint={secretHint(c.passkey)} />
          <FormInput name="initiatorName" label="Initiator (API operator) name" defaultValue={c.initiatorName ?? ''} />
          <FormInput name="initiatorPassword" label="Initiator password" type="password" autoComplete="new-password" hint={secretHint(c.initiatorPassword)} />
          <FormInput name="securityCredential" label="Or: security credential from the portal" type="password" autoComplete="new-password" hint={secretHint(c.securityCredential)} />
        </ApiForm>
      </Card>
    </>
  );
}
