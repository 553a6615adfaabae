import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { CallbackAttempt, SandboxControl } from '../../support/sandbox-process';

/**
 * When a bench credits fewer payments than it offered, says where each missing one stands, so a shortfall is a
 * finding instead of a timeout: what M-Pesa (the sandbox) did with it and every callback it sent about it, what
 * the inbox made of them, the confirmation, the receipt check and its Transaction Status queries, the unmatched
 * queue, and whether the statement listed it (with the last statement runs, once for all).
 */

interface InboxLine {
  kind: string;
  outcome: string | null;
  attempts: number;
  failures: number;
  error: string | null;
  received_at: Date;
  processed_at: Date | null;
  claimed_at: Date | null;
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)) as unknown as T[];
}

/** `in (…)` over a list of text values (drizzle spreads an array parameter as a record, not an array). */
const inList = (values: string[]) => sql.join((values.length ? values : ['']).map((v) => sql`${v}`), sql`, `);

const time = (d: Date | string | null | undefined): string => (d ? new Date(d).toISOString().slice(11, 23) : '—');
const clip = (s: string | null | undefined, n = 160): string => (s ? (s.length > n ? `${s.slice(0, n)}…` : s) : '');

function describeAttempt(a: CallbackAttempt): string {
  const path = a.url.replace(/^https?:\/\/[^/]+/, '').replace(/\/[^/]+$/, '');
  const head = a.status !== null ? `HTTP ${a.status}` : '';
  const answer = a.error ? [head, a.error].filter(Boolean).join(', then ') : a.response === null ? `${head || 'no answer'}, still waiting for the rest` : head;
  return `${time(a.at)} ${a.api} ${path} → ${clip(answer, 80)}`;
}

async function describeReceipt(db: Db, { receipt, attempts }: { receipt: string; attempts: CallbackAttempt[] }): Promise<string[]> {
  const lines: string[] = [];
  const queries = await rows<{ id: string; status: string; conversation_id: string | null; result_code: string | null; result_description: string | null; sent_at: Date | null; answered_at: Date | null }>(
    db,
    sql`select q.id, q.status, q.conversation_id, q.result_code, q.result_description, q.sent_at, q.answered_at from mpesa_status_queries q
        join mpesa_receipt_checks c on c.id = q.target_id and q.target_kind = 'receipt' where c.receipt = ${receipt} order by q.created_at`,
  );
  const conversations = queries.map((q) => q.conversation_id).filter((c): c is string => c !== null);
  const mine = attempts.filter((a) => a.ref === receipt || (a.ref !== undefined && conversations.includes(a.ref)));
  lines.push(`  sandbox callbacks (${mine.length}):`, ...mine.map((a) => `    ${describeAttempt(a)}`));

  const inbox = await rows<InboxLine>(
    db,
    sql`select kind, outcome, attempts, failures, error, received_at, processed_at, claimed_at from callback_inbox
        where correlation_id = ${receipt} or correlation_id in (${inList(conversations)}) or body like ${`%${receipt}%`}
        order by received_at`,
  );
  lines.push(`  inbox rows (${inbox.length}):`);
  for (const r of inbox) {
    lines.push(`    ${time(r.received_at)} ${r.kind} outcome=${r.outcome ?? '(unprocessed)'} attempts=${r.attempts} failures=${r.failures} processed=${time(r.processed_at)} claimed=${time(r.claimed_at)} ${clip(r.error)}`);
  }

  const [confirmation] = await rows<{ outcome: string; payment_id: string | null }>(db, sql`select outcome, payment_id from mpesa_c2b_confirmations where trans_id = ${receipt}`);
  lines.push(`  c2b confirmation: ${confirmation ? `outcome=${confirmation.outcome} payment=${confirmation.payment_id ?? '—'}` : 'none'}`);

  const [check] = await rows<{ status: string; source: string; query_count: number; last_queried_at: Date | null; resolution: string | null; review_reason: string | null; created_at: Date }>(
    db,
    sql`select status, source, query_count, last_queried_at, resolution, review_reason, created_at from mpesa_receipt_checks where receipt = ${receipt}`,
  );
  lines.push(
    check
      ? `  receipt check: status=${check.status} source=${check.source} queryCount=${check.query_count} lastQueried=${time(check.last_queried_at)} resolution=${check.resolution ?? '—'} ${clip(check.review_reason)}`
      : '  receipt check: none',
  );
  for (const q of queries) {
    lines.push(`    status query ${q.status} sent=${time(q.sent_at)} answered=${time(q.answered_at)} result=${q.result_code ?? '—'} ${clip(q.result_description, 80)} conv=${q.conversation_id ?? '—'}`);
  }

  const [unplaced] = await rows<{ state: string; reason: string }>(db, sql`select state, reason from unplaced_payments where receipt = ${receipt}`);
  lines.push(`  unmatched queue: ${unplaced ? `${unplaced.state} (${clip(unplaced.reason)})` : 'not there'}`);
  const [statement] = await rows<{ first_seen_at: Date }>(db, sql`select first_seen_at from mpesa_statement_rows where receipt = ${receipt}`);
  lines.push(`  statement: ${statement ? `listed, first seen ${time(statement.first_seen_at)}` : 'never seen in a statement'}`);
  return lines;
}

/**
 * Prints the report and returns the receipts M-Pesa took that the books lack. `since` bounds the sandbox's ledger
 * to this run; `accountPrefix` picks the bench's own payments out of it.
 */
export async function reportShortfall(
  db: Db,
  { control, shortcode, since, accountPrefix, offered }: { control: SandboxControl; shortcode: string; since: Date; accountPrefix: string; offered: number },
): Promise<string[]> {
  const ledger = await control.ledger({ shortcode, since });
  const taken = Object.entries(ledger.receipts)
    .filter(([, r]) => (r as { accountReference: string | null }).accountReference?.startsWith(accountPrefix))
    .map(([receipt]) => receipt);
  const credited = new Set(
    (await rows<{ receipt: string }>(db, sql`select mpesa_receipt_number as receipt from payments where mpesa_receipt_number in (${inList(taken)})`)).map((r) => r.receipt),
  );
  const missing = taken.filter((r) => !credited.has(r));
  const out: string[] = [
    `SHORTFALL: ${offered} payments offered, ${taken.length} taken by M-Pesa (the sandbox's ledger), ${credited.size} credited, ${missing.length} taken but not credited`,
  ];
  const attempts = missing.length || taken.length < offered ? await control.callbacks() : [];
  if (taken.length < offered) {
    out.push(`  ${offered - taken.length} offered payment(s) M-Pesa never took (refused, failed, or still waiting on its validation): no money moved`);
    // Their receipt was drawn before validation: the validation attempts name it.
    const takenSet = new Set(taken);
    const untaken = attempts.filter((a) => a.url.includes('/c2b/validation/') && a.ref !== undefined && !takenSet.has(a.ref) && a.body.includes(accountPrefix));
    for (const a of untaken.slice(0, 20)) out.push(`    ${a.ref}: validation ${describeAttempt(a)}`);
  }
  for (const receipt of missing.slice(0, 20)) out.push(`receipt ${receipt}:`, ...(await describeReceipt(db, { receipt, attempts })));
  if (missing.length > 20) out.push(`… and ${missing.length - 20} more`);
  const runs = await rows<{ started_at: Date; finished_at: Date | null; outcome: string | null; rows_seen: number; rows_new: number; receipts_claimed: number; error: string | null }>(
    db,
    sql`select started_at, finished_at, outcome, rows_seen, rows_new, receipts_claimed, error from mpesa_statement_runs where shortcode = ${shortcode} order by started_at desc limit 8`,
  );
  out.push(`last statement runs (newest first, ${runs.length}):`);
  for (const r of runs) {
    out.push(`  ${time(r.started_at)}→${time(r.finished_at)} ${r.outcome ?? '(running)'} seen=${r.rows_seen} new=${r.rows_new} claimed=${r.receipts_claimed} ${clip(r.error)}`);
  }
  console.log(out.join('\n'));
  return missing;
}
