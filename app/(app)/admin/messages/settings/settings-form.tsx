'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { saveMessagingSettingsAction, type SettingsState } from '../actions';

export interface SettingsValues {
  atUsername: string;
  atSenderId: string;
  hasApiKey: boolean;
  remindersEnabled: boolean;
  reminderOffsets: string;
}

export function MessagingSettingsForm({ values, defaults }: { values: SettingsValues; defaults: { username: string; senderId: string | null } }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveMessagingSettingsAction, { ok: false, message: null, errors: {} });
  const shown = { ...values, ...state.values };
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>}
      <fieldset className="space-y-4">
        <legend className="font-semibold">Africa&apos;s Talking (SMS)</legend>
        <p className="text-sm text-slate-600">Leave blank to send through the installation&apos;s account ({defaults.username}{defaults.senderId ? `, sender ${defaults.senderId}` : ''}).</p>
        <Field id="atUsername" label="Username" error={state.errors.atUsername}>
          <Input id="atUsername" name="atUsername" defaultValue={shown.atUsername} autoComplete="off" error={state.errors.atUsername} />
        </Field>
        <Field id="atApiKey" label="API key" hint={values.hasApiKey ? 'A key is stored (encrypted). Leave blank to keep it.' : 'Stored encrypted; never shown again.'} error={state.errors.atApiKey}>
          <Input id="atApiKey" name="atApiKey" type="password" autoComplete="new-password" error={state.errors.atApiKey} />
        </Field>
        <Field id="atSenderId" label="Sender id" hint="As approved by Africa's Talking, up to 11 letters or digits. Blank: their shared sender." error={state.errors.atSenderId}>
          <Input id="atSenderId" name="atSenderId" defaultValue={shown.atSenderId} maxLength={11} error={state.errors.atSenderId} />
        </Field>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="font-semibold">Rent reminders</legend>
        <label className="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="remindersEnabled" defaultChecked={shown.remindersEnabled} className="size-5" />
          Send rent reminders while rent is owed (never 21:00–07:00)
        </label>
        <Field id="reminderOffsets" label="When, in days from the due day" hint="Negative is before: -3, 0, 3, 10 = three days before, on the day, 3 and 10 days after." error={state.errors.reminderOffsets}>
          <Input id="reminderOffsets" name="reminderOffsets" defaultValue={shown.reminderOffsets} inputMode="text" error={state.errors.reminderOffsets} />
        </Field>
      </fieldset>
      <Button type="submit" disabled={pending}>{pending ? 'Saving…' : 'Save settings'}</Button>
    </form>
  );
}
