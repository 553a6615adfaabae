'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { resetPasswordAction, type ResetState } from './actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction, { error: null, errors: {} });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" hint="At least 10 characters." error={state.errors.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required error={state.errors.password} />
      </Field>
      <Field id="confirm" label="The same password again" error={state.errors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required error={state.errors.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>{pending ? 'Saving…' : 'Set my password'}</Button>
    </form>
  );
}
