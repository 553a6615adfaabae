import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Card, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { requirePageCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { isNairobiDay, nairobiDay, shiftNairobiDay } from '@/lib/nairobi-day';
import { getMpesaContext } from '@/lib/payments/mpesa-context';
import { buildDailyProof } from '@/lib/payments/proof/build-daily-proof';
import { ProofActions } from './proof-actions';

export const metadata: Metadata = { title: 'Daily proof' };
export const dynamic = 'force-dynamic';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="shrink-0 font-mono font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** One Nairobi day proven against M-Pesa: the statement against the books, and the balance's continuity. */
export default async function DailyProofPage({ searchParams }: { searchParams: Promise<{ day?: string }> }) {
  const caller = await requirePageCaller(['admin']);
  const today = nairobiDay();
  const { day: wanted } = await searchParams;
  const day = wanted && isNairobiDay(wanted) && wanted <= today ? wanted : today;
  const db = await getDb();
  // An agency without M-Pesa credentials has no statement to prove against yet: say so, as the API does (409).
  const mpesa = await getMpesaContext(db, { agencyId: caller.agencyId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'conflict') return error;
    throw error;
  });
  if (isAppError(mpesa)) {
    return (
      <>
        <PageTitle title="Daily proof" />
        <Alert tone="warning" title="No M-Pesa statement to prove against yet">
          {mpesa.message}. <Link className="font-medium text-brand-700 underline" href="/admin/settings">Open settings</Link>
        </Alert>
      </>
    );
  }
  const { shortcode } = mpesa;
  const proof = await buildDailyProof(db, { agencyId: caller.agencyId, shortcode, day });
  const dayLabel = formatDate(`${day}T12:00:00+03:00`);

  return (
    <>
      <PageTitle title="Daily proof" subtitle={`${dayLabel}${day === today ? ' (so far)' : ''} · paybill ${shortcode}`} />
      <nav aria-label="Days" className="flex flex-wrap items-center gap-3 text-sm">
        <Link className="font-medium text-brand-700 underline" href={`/admin/proof?day=${shiftNairobiDay(day, -1)}`}>
          ← Previous day
        </Link>
        {day < today && (
          <Link className="font-medium text-brand-700 underline" href={`/admin/proof?day=${shiftNairobiDay(day, 1)}`}>
            Next day →
          </Link>
        )}
      </nav>
      <div data-testid="proof-verdict" data-green={proof.green ? 'true' : 'false'}>
        {proof.green ? (
          <Alert tone="success" title="Proven: the books equal M-Pesa’s statement, and the balance adds up" />
        ) : (
          <Alert tone="error" title={`${proof.differences.length} difference(s) to resolve`}>
            <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="proof-differences">
              {proof.differences.map((d, i) => (
                <li key={i}>
                  {d.link ? (
                    <Link className="underline" href={d.link}>
                      {d.message}
                    </Link>
                  ) : (
                    d.message
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </div>
      <ProofActions />
      <div className="grid gap-3 sm:grid-cols-3">
        <Stat label="Money in (books)" value={formatKes(proof.books.totalCents)} hint={`${proof.moneyIn.count} payment(s)`} />
        <Stat label="M-Pesa’s statement" value={formatKes(proof.statement.totalCents)} hint={`${proof.statement.rows} payment(s)`} />
        <Stat label="Money out" value={formatKes(proof.moneyOut.totalCents)} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Card title="Money in, by how it reached Haven">
          <dl className="divide-y divide-slate-100 text-sm">
            <Row label="STK callback" value={formatKes(proof.moneyIn.stkCallbackCents)} testId="in-stk" />
            <Row label="Paybill confirmation" value={formatKes(proof.moneyIn.paybillConfirmationCents)} testId="in-paybill" />
            <Row label="Statement only (callbacks lost)" value={formatKes(proof.moneyIn.statementOnlyCents)} testId="in-statement" />
            {proof.moneyIn.otherCents > 0 && <Row label="Other (tenant lookup, placed by an admin)" value={formatKes(proof.moneyIn.otherCents)} />}
            <Row label="Total in the books" value={formatKes(proof.books.totalCents)} testId="books-total" />
            <Row label="Total in M-Pesa’s statement" value={formatKes(proof.statement.totalCents)} testId="statement-total" />
          </dl>
          <p className="mt-2 text-xs text-slate-500">Statement read up to {proof.statement.readUntil ? formatDateTime(proof.statement.readUntil) : 'never'}.</p>
        </Card>
        <Card title="Balance continuity">
          {proof.balance ? (
            <dl className="divide-y divide-slate-100 text-sm">
              <Row label={`Opening (${formatDateTime(proof.balance.openingAt)})`} value={formatKes(proof.balance.openingCents)} testId="balance-opening" />
              <Row label="+ money in" value={formatKes(proof.balance.inCents)} testId="balance-in" />
              <Row label="− money out (payouts, reversals)" value={formatKes(proof.balance.outCents)} testId="balance-out" />
              <Row label="= expected" value={formatKes(proof.balance.expectedClosingCents)} />
              <Row label={`Closing (${formatDateTime(proof.balance.closingAt)})`} value={formatKes(proof.balance.closingCents)} testId="balance-closing" />
              <Row label="Difference" value={formatKes(proof.balance.differenceCents)} testId="balance-difference" />
            </dl>
          ) : (
            <p className="text-sm text-slate-600">Not enough balance checks this day yet.</p>
          )}
        </Card>
      </div>
      <p className="text-sm">
        <Link className="font-medium text-brand-700 underline" href={`/api/v1/mpesa/daily-proof/${day}`}>
          This day as JSON
        </Link>
      </p>
    </>
  );
}
