import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Caller } from '@/lib/auth/caller';
import { navLinks } from './nav-links';
import { signOutAction } from './sign-out-action';

const roleLabel = { admin: 'Agency admin', landlord: 'Landlord', tenant: 'Tenant' } as const;

export function AppShell({ caller, children }: { caller: Caller; children: ReactNode }) {
  return (
    <div className="min-h-dvh">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          {/* No prefetch in the header: on every page view it fetched each linked page's payload twice, on the
              main thread while the page was still becoming usable on a phone (measured: pay-page bench). */}
          <Link href="/" prefetch={false} className="text-lg font-bold text-brand-700">
            Haven
          </Link>
          <nav aria-label="Main" className="order-3 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            {navLinks[caller.role].map((link) => (
              <Link key={link.href} href={link.href} prefetch={false} className="whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-right text-xs leading-tight text-slate-600 sm:block">
              <span className="block font-medium text-slate-900">{caller.name}</span>
              {roleLabel[caller.role]}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl space-y-5 px-4 py-5">
        {children}
      </main>
    </div>
  );
}

export function PageTitle({ title, subtitle, action }: { title: string; subtitle?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
      </div>
      {action}
    </div>
  );
}
