import Link from 'next/link';
import { inputClass } from '@/components/ui/field';

/** A GET search box and a keyset "next page" link; works without JavaScript. */
export function SearchBox({ action, q, placeholder, children }: { action: string; q?: string; placeholder: string; children?: React.ReactNode }) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap gap-2">
      <label htmlFor="q" className="sr-only">Search</label>
      <input id="q" name="q" type="search" defaultValue={q} placeholder={placeholder} className={`${inputClass()} max-w-md flex-1`} />
      {children}
      <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-semibold">Search</button>
    </form>
  );
}

export function NextPage({ href, next }: { href: (cursor: string) => string; next: string | null }) {
  if (!next) return null;
  return (
    <p className="pt-3 text-right">
      <Link href={href(next)} className="text-sm font-medium text-brand-700 underline">Next page →</Link>
    </p>
  );
}

/** `?q=…&after=…` preserving the search. */
export function pageHref(base: string, params: Record<string, string | undefined>) {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}
