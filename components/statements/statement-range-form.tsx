import { inputClass } from '@/components/ui/field';

/** Choose a date range (GET, works without JavaScript) and download the same statement as CSV. */
export function StatementRangeForm({ action, from, to, csvHref }: { action: string; from: string; to: string; csvHref: string }) {
  return (
    <form action={action} method="get" className="no-print flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="from" className="block text-sm font-medium">From</label>
        <input id="from" name="from" type="date" defaultValue={from} className={inputClass()} />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-medium">To</label>
        <input id="to" name="to" type="date" defaultValue={to} className={inputClass()} />
      </div>
      <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-semibold">Show</button>
      <a href={csvHref} className="min-h-11 content-center rounded-lg px-2 text-sm font-medium text-brand-700 underline" download>Download CSV</a>
      <a href={`${csvHref}&format=pdf`} className="min-h-11 content-center rounded-lg px-2 text-sm font-medium text-brand-700 underline" download>Download PDF</a>
    </form>
  );
}
