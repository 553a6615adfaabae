import { PaybillCopyButton } from './paybill-copy-button';

/**
 * One number of the paybill list: a dt/dd group (a `<dl>` may hold only those, each group optionally in one div),
 * the copy button in a dd of its own beside the value.
 */
function PaybillValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-[1fr_auto] items-center gap-x-3 rounded-lg bg-slate-50 px-3 py-2">
      <dt className="col-start-1 text-xs text-slate-600">{label}</dt>
      <dd className="col-start-1 font-mono text-lg font-semibold tracking-wide text-slate-900">{value}</dd>
      <dd className="col-start-2 row-span-2 row-start-1">
        <PaybillCopyButton label={label} value={value} />
      </dd>
    </div>
  );
}

/**
 * Paying by paybill instead: always shown, because an STK prompt can fail where the SIM menu still works. A server
 * component: only the copy buttons hydrate.
 */
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
        <PaybillValue label="Business (paybill) number" value={paybillNumber} />
        <PaybillValue label="Account number" value={accountReference} />
      </dl>
    </section>
  );
}
