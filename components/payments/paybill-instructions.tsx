'use client';

import { useState } from 'react';

function CopyValue({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="flex items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2">
      <div>
        <dt className="text-xs text-slate-600">{label}</dt>
        <dd className="font-mono text-lg font-semibold tracking-wide text-slate-900">{value}</dd>
      </div>
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy ${label.toLowerCase()} ${value}`}
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
      </button>
    </div>
  );
}

/** Paying by paybill instead: always shown, because an STK prompt can fail where the SIM menu still works. */
export function PaybillInstructions({ paybillNumber, accountReference }: { paybillNumber: string; accountReference: string }) {
  return (
    <section aria-labelledby="paybill-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="paybill-heading" className="text-base font-semibold text-slate-900">
        Or pay by paybill
      </h2>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>On your phone open M-PESA, then Lipa na M-PESA, then Pay Bill.</li>
        <li>Enter the business number and the account number below.</li>
        <li>Enter the amount and your PIN. Your payment appears here once M-Pesa confirms it.</li>
      </ol>
      <dl className="grid gap-2 sm:grid-cols-2">
        <CopyValue label="Business (paybill) number" value={paybillNumber} />
        <CopyValue label="Account number" value={accountReference} />
      </dl>
    </section>
  );
}
