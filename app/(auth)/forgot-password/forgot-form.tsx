'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { requestResetAction, type ForgotState } from './actions';

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotState, FormData>(requestResetAction, { sent: false, error: null, identifier: '' });
  if (state.sent) {
    return (
      <Alert tone="success" title="Check your messages">
        If an account uses {state.identifier}, a link to choose a new password is on its way. It works once, for 30 minutes.{' '}
        <Link href="/sign-in" className="underline">Back to sign in</Link>
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field id="identifier" label="Email or phone number" hint="We send the link to the email address or phone you type." error={state.error}>
        <Input id="identifier" name="identifier" autoComplete="username" required defaultValue={state.identifier} error={state.error} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>{pending ? 'Sending…' : 'Send me a link'}</Button>
    </form>
  );
}
