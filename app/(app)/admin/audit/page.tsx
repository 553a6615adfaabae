import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Card, EmptyState } from '@/components/ui/card';
import { Field, inputClass } from '@/components/ui/field';
import { getDb } from '@/db/client';
import { listAuditFilterOptions, listAuditPage } from '@/db/queries/audit-view';
import { requirePageCaller } from '@/lib/auth/session';
import { auditFiltersFrom, auditTargetHref } from '@/lib/console/audit-filters';
import { formatDateTime } from '@/lib/format-time';
import { decodeCursor, encodeCursor } from '@/lib/pagination/cursor';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

type Params = Record<string, string | string[] | undefined>;

/** A detail worth a glance (reason, amount, receipt…), never a whole JSON blob in the list. */
function detailText(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['reason', 'remarks', 'amountCents', 'receipt', 'note']) {
    const v = details[key];
    if (typeof v === 'string' && v) parts.push(`${key === 'reason' ? 'why' : key}: ${v}`);
    if (typeof v === 'number') parts.push(key === 'amountCents' ? `KES ${(v / 100).toLocaleString('en-KE')}` : `${key}: ${v}`);
  }
  return parts.join(' · ');
}

/** Who did what, to which record, when and why: the agency's audit log, for admins. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const caller = await requirePageCaller(['admin']);
  const params = await searchParams;
  const parsed = auditFiltersFrom(params);
  const cursor = decodeCursor([params.after].flat()[0]);
  const db = await getDb();
  const [options, page] = await Promise.all([
    listAuditFilterOptions(db, { agencyId: caller.agencyId }),
    parsed.success ? listAuditPage(db, { agencyId: caller.agencyId, filters: parsed.data, after: cursor ? { createdAt: cursor[0], id: cursor[1] } : null }) : null,
  ]);
  const value = (k: string) => [params[k]].flat()[0] ?? '';
  const nextHref = (after: string) => {
    const q = new URLSearchParams(Object.entries({ ...(parsed.success ? parsed.data : {}), after }).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return `/admin/audit?${q.toString()}`;
  };
  return (
    <>
      <PageTitle title="Audit log" subtitle="Who did what, to which record, and when" />
      <Card>
        <form action="/admin/audit" method="get" className="grid grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Filter the audit log">
          <Field id="audit-action" label="Action">
            <select id="audit-action" name="action" defaultValue={value('action')} className={inputClass()}>
              <option value="">Any action</option>
              {options.actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </Field>
          <Field id="audit-actor" label="Who">
            <select id="audit-actor" name="actorId" defaultValue={value('actorId')} className={inputClass()}>
              <option value="">Anyone</option>
              {options.actors.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </Field>
          <Field id="audit-from" label="From">
            <input id="audit-from" name="from" type="date" defaultValue={value('from')} className={inputClass()} />
          </Field>
          <Field id="audit-to" label="To">
            <input id="audit-to" name="to" type="date" defaultValue={value('to')} className={inputClass()} />
          </Field>
          <div className="col-span-2 flex items-end gap-3 lg:col-span-1">
            <button type="submit" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">Filter</button>
            <Link href="/admin/audit" className="py-2 text-sm font-medium text-brand-700 underline">Clear</Link>
          </div>
        </form>
      </Card>
      {!parsed.success || !page ? (
        <Alert tone="error" title="Check the filters">{parsed.success ? 'Some filters are not valid' : parsed.error.issues[0]?.message}</Alert>
      ) : (
        <Card title="Entries">
          {page.items.length === 0 ? (
            <EmptyState>No entries match.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="audit-entries">
              {page.items.map((e) => {
                const href = auditTargetHref(e);
                const detail = detailText(e.details);
                return (
                  <li key={e.id} className="min-w-0 py-2" data-testid="audit-entry" data-action={e.action} data-target-id={e.targetId ?? ''}>
                    <p className="break-words">
                      <span className="font-mono font-medium">{e.action}</span> by {e.actorName ?? (e.actorRole === 'system' ? 'Haven' : 'someone removed')}
                      <span className="text-slate-600"> · {formatDateTime(e.createdAt)}</span>
                    </p>
                    <p className="break-words text-slate-600">
                      {e.targetType ?? 'record'}{' '}
                      {href ? <Link href={href} className="font-mono text-brand-700 underline">{e.targetId}</Link> : <span className="font-mono break-all">{e.targetId}</span>}
                      {detail && <span className="block text-slate-700">{detail}</span>}
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
          {page.next && (
            <p className="pt-3 text-right">
              <Link href={nextHref(encodeCursor(page.next.createdAt, page.next.id))} className="text-sm font-medium text-brand-700 underline">Older entries →</Link>
            </p>
          )}
        </Card>
      )}
    </>
  );
}
