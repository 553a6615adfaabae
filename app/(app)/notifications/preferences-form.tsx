'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { savePreferencesAction, type PreferencesState } from './actions';

/** SMS, email or both. Errors sit beside the choice they are about. */
export function PreferencesForm({ sms, email, phone, address }: { sms: boolean; email: boolean; phone: string | null; address: string }) {
  const [state, action, pending] = useActionState<PreferencesState, FormData>(savePreferencesAction, { ok: false, message: null, errors: {} });
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <fieldset className="space-y-3">
        <legend className="text-sm text-slate-700">Send me receipts, reminders and notices by:</legend>
        <div>
          <label className="flex min-h-11 items-center gap-3">
            <input type="checkbox" name="sms" defaultChecked={state.values?.sms ?? sms} disabled={!phone} className="size-5" aria-describedby={state.errors.sms ? 'sms-error' : undefined} />
            <span>SMS {phone ? <span className="text-slate-600">to {phone}</span> : <span className="text-slate-600">(no phone number on your account)</span>}</span>
          </label>
          {state.errors.sms && <p id="sms-error" className="text-sm text-red-700">{state.errors.sms}</p>}
        </div>
        <div>
          <label className="flex min-h-11 items-center gap-3">
            <input type="checkbox" name="email" defaultChecked={state.values?.email ?? email} className="size-5" aria-describedby={state.errors.email ? 'email-error' : undefined} />
            <span>Email <span className="break-all text-slate-600">to {address}</span></span>
          </label>
          {state.errors.email && <p id="email-error" className="text-sm text-red-700">{state.errors.email}</p>}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save'}</Button>
    </form>
  );
}
