'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { errorMessage, fetchJson, fieldErrors, formAnswerSchema, isNetworkError } from '@/lib/client/fetcher';

/**
 * A form that posts its fields to a Haven API route as JSON (or multipart when it carries files) and shows the
 * server's zod errors beside the fields they belong to. Validation happens on the server only, so the form and
 * the API can never disagree. On success it follows the `redirect` the route returns, or refreshes the page.
 */

type Errors = Record<string, string>;
const ErrorsContext = createContext<Errors>({});
// Field ids are unique per form: a page often has several forms with the same field names (a lease page has
// `reason` in three), and a label pointing at another form's field leaves its own field without a name.
const FieldIdPrefixContext = createContext('f');
const fieldIdOf = (prefix: string, name: string, id?: string) => id ?? `${prefix}-${name}`;

export function ApiForm({
  action, method = 'POST', submitLabel, pendingLabel = 'Saving…', children, multipart = false, label, onDone, variant = 'primary', confirm, resetOnSuccess = false,
}: {
  action: string; method?: 'POST' | 'PUT' | 'PATCH'; submitLabel: string; pendingLabel?: string; children?: ReactNode; multipart?: boolean; label: string;
  onDone?: (body: Record<string, unknown>) => void; variant?: 'primary' | 'secondary' | 'danger'; confirm?: string;
  /** Clears the fields after a success: forms that add one more of something (the next entry starts empty). */
  resetOnSuccess?: boolean;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const prefix = `f${useId().replace(/[^\w-]/g, '')}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (confirm && !window.confirm(confirm)) return;
    // Kept: React clears the event's currentTarget once the handler awaits.
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setFormError(null);
    try {
      const body: Record<string, unknown> = {};
      for (const [key, value] of data.entries()) if (typeof value === 'string') body[key] = value;
      for (const el of form.querySelectorAll<HTMLInputElement>('input[type=checkbox][name]')) body[el.name] = el.checked;
      let json: Record<string, unknown>;
      try {
        json = await fetchJson(action, { method, timeoutMs: 60_000, schema: formAnswerSchema, ...(multipart ? { form: data } : { json: body }) });
      } catch (error) {
        if (isNetworkError(error)) throw error;
        const fields = fieldErrors(error);
        const next: Errors = {};
        for (const f of fields) next[f.path || 'form'] ??= f.message;
        setErrors(next);
        const placed = fields.some((f) => f.path && form.querySelector(`[name="${f.path}"]`));
        setFormError(placed ? 'Check the highlighted fields.' : errorMessage(error, 'Something went wrong. Try again.'));
        return;
      }
      setErrors({});
      if (resetOnSuccess) form.reset();
      if (onDone) onDone(json);
      else if (typeof json.redirect === 'string') {
        router.push(json.redirect);
        router.refresh();
      } else router.refresh();
    } catch (error) {
      setFormError(errorMessage(error, 'Could not reach Haven. Check your connection and try again.'));
    } finally {
      setPending(false);
    }
  }

  return (
    <FieldIdPrefixContext.Provider value={prefix}>
    <ErrorsContext.Provider value={errors}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label={label} encType={multipart ? 'multipart/form-data' : undefined}>
        {formError && <Alert tone="error">{formError}</Alert>}
        {children}
        <Button type="submit" variant={variant} disabled={pending} className="w-full sm:w-auto">
          {pending ? pendingLabel : submitLabel}
        </Button>
      </form>
    </ErrorsContext.Provider>
    </FieldIdPrefixContext.Provider>
  );
}

type InputProps = { name: string; label: string; hint?: ReactNode; id?: string };

/** A labelled input whose server error appears beside it (aria-invalid + aria-describedby for screen readers). */
export function FormInput({ name, label, hint, id, ...rest }: InputProps & Omit<React.ComponentProps<'input'>, 'name' | 'id'>) {
  const error = useContext(ErrorsContext)[name];
  const fieldId = fieldIdOf(useContext(FieldIdPrefixContext), name, id);
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
      <input id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`} className={inputClass(!!error)} {...rest} />
    </Field>
  );
}

export function FormSelect({ name, label, hint, id, options, ...rest }: InputProps & { options: { value: string; label: string }[] } & Omit<React.ComponentProps<'select'>, 'name' | 'id'>) {
  const error = useContext(ErrorsContext)[name];
  const fieldId = fieldIdOf(useContext(FieldIdPrefixContext), name, id);
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
      <select id={fieldId} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`} className={inputClass(!!error)} {...rest}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Field>
  );
}

export function FormTextarea({ name, label, hint, id, ...rest }: InputProps & Omit<React.ComponentProps<'textarea'>, 'name' | 'id'>) {
  const error = useContext(ErrorsContext)[name];
  const fieldId = fieldIdOf(useContext(FieldIdPrefixContext), name, id);
  return (
    <Field id={fieldId} label={label} hint={hint} error={error}>
      <textarea id={fieldId} name={name} rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`} className={inputClass(!!error)} {...rest} />
    </Field>
  );
}
