'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { changePasswordAction, type ChangePasswordState } from './change-password-action';

const initial: ChangePasswordState = { fieldErrors: {}, error: null };

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  const errors = state.fieldErrors;
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {/* Lets password managers tie the new password to the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <Input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      </Field>
      <Field id="new-password" label="New password" hint="At least 12 characters. A few unrelated words work well." error={errors.newPassword}>
        <Input id="new-password" name="newPassword" type="password" autoComplete="new-password" required minLength={12} error={errors.newPassword} />
      </Field>
      <Field id="confirm-password" label="New password again" error={errors.confirmPassword}>
        <Input id="confirm-password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
