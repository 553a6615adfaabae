import { darajaMoneyToCents } from './amounts';
import { formatIssues } from './callbacks/parse-helpers';
import { pullRowSchema, type PullQueryResponse } from './pull-transactions-schema';

/**
 * Pull Transactions (SPEC §9.5): M-Pesa's own list of the payments into a shortcode over the last 48 hours, the
 * ground truth to reconcile against. Everything here is pure: parsing rows and pages, and paging until the end.
 *
 * The outcome is the `ResponseCode`, never the HTTP status. `1001` means "no records" *or* "not registered / not
 * enabled for Pull" — Daraja does not say which, so the result type keeps it ambiguous: a caller that knows
 * payments exist in the window must treat it as a failure, not as "nothing new".
 */

export const PULL_MAX_WINDOW_MS = 48 * 3600_000;
const NAIROBI_OFFSET_MS = 3 * 3600_000;

export interface PullTransaction {
  /** The M-Pesa receipt (`transactionId`). */
  receipt: string;
  occurredAt: Date;
  /** As sent (a number on the wire), `2547…`; may be masked — not resolved by SPEC. */
  msisdn: string | null;
  sender: string | null;
  transactionType: string;
  /** The account number the payer typed; `""` for buy goods. */
  billReference: string;
  amountCents: number;
  organizationName: string | null;
}

export interface SkippedPullRow {
  reason: string;
  row: unknown;
}

/** `YYYY-MM-DD HH:mm:ss` in Nairobi wall-clock time, as StartDate/EndDate are sent. */
export function formatPullDate(date: Date): string {
  return new Date(date.getTime() + NAIROBI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * `trxDate`: ISO 8601 with an offset (`…+03:00`, `…Z`) is taken as written; a bare date-time is Nairobi time
 * (SPEC §9.5 conflict). Returns null for anything else.
 */
export function parsePullDate(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!m) return null;
  const [, day, hm, sec = ':00', frac = '', zone] = m;
  const local = `${day}T${hm}${sec}${frac}`;
  const normalisedZone = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+03:00';
  const t = Date.parse(`${local}${normalisedZone}`);
  if (Number.isNaN(t)) return null;
  // Date.parse rolls 2025-02-30 over into March: refuse dates that do not exist.
  const wall = new Date(Date.parse(`${local}Z`));
  return wall.toISOString().slice(0, 10) === day ? new Date(t) : null;
}

/** `[[rows]]` (as documented) or `[rows]`: the rows of one page, in order. */
export function flattenPullResponse(response: readonly unknown[] | null | undefined): unknown[] {
  return (response ?? []).flatMap((item) => (Array.isArray(item) ? item : [item]));
}

/** Only C2B payments count; the daily sweep (`merchant-to-organization-settlement`) and the like are left out. */
export const isC2bPullType = (transactionType: string): boolean => /c2b/i.test(transactionType);

export function parsePullRow(row: unknown): { ok: true; transaction: PullTransaction } | { ok: false; reason: string } {
  const parsed = pullRowSchema.safeParse(row);
  if (!parsed.success) return { ok: false, reason: formatIssues(parsed.error).join('; ') };
  const r = parsed.data;
  const occurredAt = parsePullDate(r.trxDate);
  if (!occurredAt) return { ok: false, reason: `trxDate is not a date: ${r.trxDate}` };
  const amountCents = darajaMoneyToCents(r.amount);
  if (amountCents === null || amountCents <= 0) return { ok: false, reason: `amount is not a positive amount: ${String(r.amount)}` };
  return {
    ok: true,
    transaction: {
      receipt: r.transactionId,
      occurredAt,
      msisdn: r.msisdn ? r.msisdn : null,
      sender: r.sender ?? null,
      transactionType: r.transactiontype,
      billReference: r.billreference ?? '',
      amountCents,
      organizationName: r.organizationname ?? null,
    },
  };
}

/** One answer to a query call: the HTTP status and the parsed body (HTTP 200, or the HTTP 500 envelope). */
export interface PullPage {
  httpStatus: number;
  body: PullQueryResponse;
}

export type PullQueryResult =
  | {
      outcome: 'ok';
      /** C2B rows, one per receipt, oldest first. */
      transactions: PullTransaction[];
      pages: number;
      /** Rows of other types (settlement sweeps…), left out. */
      ignoredNonC2b: number;
      /** Rows that could not be read, with the reason; never silently dropped. */
      skippedRows: SkippedPullRow[];
      /** False when paging stopped at `maxPages` before the statement ended. */
      complete: boolean;
    }
  | {
      /** `1001` on the first page: no payments in the window, OR the shortcode is not registered/enabled for Pull. */
      outcome: 'no-records-or-not-registered';
      responseCode: '1001';
      message: string;
    }
  | {
      outcome: 'failed';
      httpStatus: number | null;
      responseCode: string | null;
      message: string;
      requestId: string | null;
      /** What earlier pages returned before a later one failed. */
      transactionsSoFar: PullTransaction[];
    };

export interface CollectPullOptions {
  /** Fetches one page for `OffSetValue` (a string, `"0"` first). Throw for transport failures. */
  fetchPage(offset: string): Promise<PullPage>;
  /**
   * SPEC §9.5 leaves `OffSetValue` unresolved: `page` sends 0, 1, 2…; `row` sends the number of rows received so
   * far. Either way pages are de-duplicated by receipt, so an overlap costs nothing.
   */
  offsetMode?: 'page' | 'row';
  maxPages?: number;
}

/** Pages until an empty page, a `1001`, `TotalPages`, or a page that adds nothing new; de-duplicates by receipt. */
export async function collectPullPages({ fetchPage, offsetMode = 'page', maxPages = 200 }: CollectPullOptions): Promise<PullQueryResult> {
  const byReceipt = new Map<string, PullTransaction>();
  const skippedRows: SkippedPullRow[] = [];
  let ignoredNonC2b = 0;
  const idsSeen = new Set<string>();
  let rowsSeen = 0;
  let pages = 0;
  let complete = false;
  while (!complete && pages < maxPages) {
    const page = pages;
    const { httpStatus, body } = await fetchPage(String(offsetMode === 'page' ? page : rowsSeen));
    pages += 1;
    if (body.ResponseCode === '1001') {
      if (page === 0) return { outcome: 'no-records-or-not-registered', responseCode: '1001', message: body.ResponseMessage };
      complete = true;
      break;
    }
    if (body.ResponseCode !== '1000') {
      return {
        outcome: 'failed',
        httpStatus,
        responseCode: body.ResponseCode,
        message: body.ResponseMessage || `Pull Transactions answered ${body.ResponseCode}`,
        requestId: body.ResponseRefID ?? body.RequestID ?? null,
        transactionsSoFar: [...byReceipt.values()],
      };
    }
    const rows = flattenPullResponse(body.Response);
    rowsSeen += rows.length;
    let added = 0;
    for (const row of rows) {
      const id = row !== null && typeof row === 'object' ? (row as { transactionId?: unknown }).transactionId : undefined;
      const key = typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(row);
      if (idsSeen.has(key)) continue;
      idsSeen.add(key);
      added += 1;
      const parsed = parsePullRow(row);
      if (!parsed.ok) {
        skippedRows.push({ reason: parsed.reason, row });
      } else if (!isC2bPullType(parsed.transaction.transactionType)) {
        ignoredNonC2b += 1;
      } else {
        byReceipt.set(parsed.transaction.receipt, parsed.transaction);
      }
    }
    const lastByCount = body.TotalPages !== undefined && pages >= body.TotalPages;
    // An empty page ends the statement; so does a page with nothing new (a server ignoring OffSetValue would
    // otherwise hand back the same page forever).
    complete = rows.length === 0 || lastByCount || (page > 0 && added === 0);
  }
  const transactions = [...byReceipt.values()].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return { outcome: 'ok', transactions, pages, ignoredNonC2b, skippedRows, complete };
}
