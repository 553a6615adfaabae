import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { getSourceAddress } from '@/lib/api/source-address';
import { countRecentHits, recordHit } from '@/db/queries/rate-limit';
import { findReceiptByCode } from '@/db/queries/receipts';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { normalizeReceiptCode } from '@/lib/receipts/receipt-code';

export const metadata: Metadata = { title: 'Check a receipt · Haven', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Lookups per address per window: plenty for people checking papers, far too few to guess codes (50 bits). */
const WINDOW_SECONDS = 600;
const MAX_LOOKUPS = 60;

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-4 py-10">
      <p className="text-2xl font-bold text-brand-700">Haven</p>
      <p className="mt-1 text-sm text-slate-600">Receipt check</p>
      <div className="mt-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">{children}</div>
      <p className="mt-4 text-xs text-slate-500">This page confirms that a rent receipt was issued through Haven. It shows no personal details.</p>
    </main>
  );
}

/**
 * The public end of a receipt's QR code: anyone holding the paper (a landlord, a bank, a court) can see that it is
 * genuine and whether the payment still stands — agency, amount, date, receipt numbers and status, nothing else.
 */
export default async function VerifyReceiptPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: raw } = await params;
  // The client's real address (X-Forwarded-For only as far as trusted proxies wrote it): a header the client
  // writes itself would let it pick a fresh budget for every lookup.
  const address = getSourceAddress({ headers: await headers() }) ?? 'unknown';
  const db = await getDb();
  const key = `receipt-check:${address}`;
  if ((await countRecentHits(db, { key, windowSeconds: WINDOW_SECONDS })) >= MAX_LOOKUPS) {
    return (
      <Shell>
        <h1 className="text-xl font-semibold">Too many checks</h1>
        <p className="mt-2 text-sm text-slate-700" role="alert">This address has checked many receipts in a short time. Wait 10 minutes, then try again.</p>
      </Shell>
    );
  }
  await recordHit(db, { key });
  const code = normalizeReceiptCode(decodeURIComponent(raw));
  const receipt = code ? await findReceiptByCode(db, { code }) : null;
  if (!receipt) {
    return (
      <Shell>
        <h1 className="text-xl font-semibold" data-testid="verify-status">No such receipt</h1>
        <p className="mt-2 text-sm text-slate-700">No receipt has the code <span className="font-mono">{raw.slice(0, 20)}</span>. Check the code on the paper; if it is right, the receipt was not issued by Haven.</p>
      </Shell>
    );
  }
  const reversed = receipt.status === 'reversed';
  const rows: [string, string][] = [
    ['Issued by', receipt.agencyName],
    ['Amount', formatKes(receipt.amountCents)],
    ['Paid on', `${formatDateTime(receipt.paidAt)} (Nairobi)`],
    ['M-Pesa receipt', receipt.mpesaReceiptNumber ?? (receipt.method.startsWith('mpesa') ? 'Awaiting the number from M-Pesa' : 'Not an M-Pesa payment')],
    ['Receipt code', receipt.code],
  ];
  return (
    <Shell>
      <div className={`rounded-lg p-3 ${reversed ? 'bg-red-50 text-red-900' : 'bg-brand-50 text-brand-800'}`}>
        <h1 className="text-xl font-bold" data-testid="verify-status">{reversed ? 'Reversed' : 'Valid receipt'}</h1>
        <p className="text-sm">
          {reversed
            ? `This payment was reversed${receipt.reversedAt ? ` on ${formatDateTime(receipt.reversedAt)}` : ''}: M-Pesa returned the money, and it no longer counts.`
            : 'This payment was received and still stands.'}
        </p>
      </div>
      <dl className="mt-4 divide-y divide-slate-100" data-testid="verify-details">
        {rows.map(([label, value]) => (
          <div key={label} className="grid grid-cols-5 gap-2 py-2 text-sm">
            <dt className="col-span-2 text-slate-600">{label}</dt>
            <dd className={`col-span-3 font-medium text-slate-900 ${label.includes('receipt') || label.includes('code') ? 'font-mono' : ''}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </Shell>
  );
}
