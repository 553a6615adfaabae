'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { errorMessage, fetchJson } from '@/lib/client/fetcher';

/**
 * One request started by a button, with what the person sees while and after it runs: the button disabled while
 * busy, the failure in words, and `done` once it worked. With `refresh` the page's server data is read again
 * whether the request worked or not: a refused request usually means the row changed under us (someone else
 * approved it first), and the page should show what it is now.
 */
export function useAction({ refresh = false }: { refresh?: boolean } = {}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  /** Runs `task` (its follow-up included, so that a throwing follow-up shows as the failure too); true if it worked. */
  async function run(task: () => Promise<unknown>, failure: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await task();
      setDone(true);
      return true;
    } catch (e) {
      setError(errorMessage(e, failure));
      return false;
    } finally {
      if (refresh) router.refresh();
      setBusy(false);
    }
  }

  return { busy, error, done, run };
}

/** A failed action's message: role=alert, so a screen reader says it at once, without moving focus. */
export function ActionError({ error, className = 'w-full' }: { error: string | null; className?: string }) {
  if (!error) return null;
  return <p role="alert" className={`${className} text-sm text-red-700`.trim()}>{error}</p>;
}

const layouts = {
  row: { box: 'flex flex-wrap items-center gap-2', message: 'w-full' },
  column: { box: 'flex flex-col items-start gap-1', message: '' },
} as const;

type ActionButtonProps<S extends z.ZodType> = {
  /** Where the POST goes. The body is always JSON, `{}` by default: the API takes JSON only (CSRF protection). */
  url: string;
  json?: unknown;
  schema: S;
  timeoutMs?: number;
  /** Runs with the parsed answer before the button stops being busy (navigate, revalidate a SWR key…). */
  onDone?: (answer: z.infer<S>) => void;
  /** Asked with the browser's confirm() first; nothing is sent if the person cancels. */
  confirm?: string;
  /** Read the page's server data again afterwards, success or failure (see useAction). */
  refresh?: boolean;
  /** Shown (role=status) after a success, for actions whose effect the page does not otherwise show. */
  doneMessage?: string;
  /** The fallback message when the failure has no words of its own (a network error has). */
  failure: string;
  /** The accessible name: says which row's button this is when a page lists many. */
  ariaLabel: string;
  pendingLabel: string;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  layout?: keyof typeof layouts;
};

/** A button that POSTs to one API route and shows pending, error and (optionally) done states beside itself. */
export function ActionButton<S extends z.ZodType>({
  url, json = {}, schema, timeoutMs, onDone, confirm, refresh = false, doneMessage, failure, ariaLabel, pendingLabel, children, variant = 'secondary', layout = 'row',
}: ActionButtonProps<S>) {
  const { busy, error, done, run } = useAction({ refresh });
  const { box, message } = layouts[layout];

  async function act() {
    if (confirm && !window.confirm(confirm)) return;
    await run(async () => {
      const answer = await fetchJson(url, { json, schema, timeoutMs });
      onDone?.(answer);
    }, failure);
  }

  return (
    <div className={box}>
      <Button variant={variant} onClick={() => void act()} disabled={busy} aria-label={ariaLabel}>
        {busy ? pendingLabel : children}
      </Button>
      {done && doneMessage && (
        <p role="status" className={`${message} text-sm text-brand-700`.trim()}>
          {doneMessage}
        </p>
      )}
      <ActionError error={error} className={message} />
    </div>
  );
}
