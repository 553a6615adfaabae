import type { ComponentProps, ReactNode } from 'react';

/** A labelled input whose hint and error are tied to it for screen readers. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function inputClass(hasError = false): string {
  return `block w-full min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-400 ${
    hasError ? 'border-red-500' : 'border-slate-300'
  }`;
}

export function Input({ error, id, ...props }: ComponentProps<'input'> & { error?: string | null; id: string }) {
  return (
    <input
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      className={inputClass(!!error)}
      {...props}
    />
  );
}
