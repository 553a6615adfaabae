import { z } from 'zod';
import type { Sandbox } from '../context';
import { field, msisdnSchema, shortcodeSchema, urlSchema } from '../fields';
import { GatewayError, jsonReply, type Reply } from '../http';
import { gatewayId, legacyGatewayId } from '../ids';
import type { DarajaRoute } from '../pipeline';
import { eatParts } from '../time';
import { formatCents } from '../wire-json';
import type { Transaction } from '../world/types';

/**
 * Pull Transactions (SPEC §9.5, §13.10): M-Pesa's own list of the money that came into a shortcode, whether or not
 * its callbacks were delivered. Every completed STK and C2B payment into the shortcode is listed; a payment that
 * was later reversed keeps its row as it was (the reversal is not a C2B payment, so it gets no row of its own).
 */

const WINDOW_MS = 48 * 3600_000;
const EAT_OFFSET_MS = 3 * 3600_000;
const NO_RECORDS = { ResponseCode: '1001', ResponseMessage: 'No records found or Organization Name not available' };

async function register(sandbox: Sandbox, body: Record<string, unknown>): Promise<Reply> {
  const shortcode = field(body, 'ShortCode', shortcodeSchema);
  field(body, 'RequestType', z.literal('Pull'));
  // The `07…` form has been refused by Daraja (SPEC §9.5); the sandbox wants `2547…`/`2541…`.
  const nominatedNumber = field(body, 'NominatedNumber', msisdnSchema);
  const callbackUrl = field(body, 'CallBackURL', urlSchema);
  if (!sandbox.world.organisations.has(shortcode)) throw new GatewayError('400.001', 'Invalid ShortCode');
  const already = sandbox.pullRegistrations.has(shortcode);
  if (!already) sandbox.pullRegistrations.set(shortcode, { nominatedNumber, callbackUrl, at: new Date() });
  const [status, description] = already ? ['1001', 'ShortCode already Registered'] : ['1000', 'ShortCode Registered Successfully'];
  const spaced = sandbox.config.pullRegisterKeys === 'spaced';
  return jsonReply(200, {
    ResponseRefID: legacyGatewayId(),
    [spaced ? 'Response Status' : 'ResponseStatus']: status,
    ShortCode: shortcode,
    [spaced ? 'Response Description' : 'ResponseDescription']: description,
  });
}

/** `YYYY-MM-DD HH:mm:ss`, Nairobi wall-clock time (a `T` separator is tolerated). */
const nairobiDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/)
  .transform((s) => new Date(Date.parse(`${s.replace(' ', 'T')}Z`) - EAT_OFFSET_MS))
  .refine((d) => !Number.isNaN(d.getTime()));

const offsetSchema = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,6}$/)).transform(Number);

const p2 = (n: number): string => String(n).padStart(2, '0');

function trxDate(sandbox: Sandbox, at: Date): string {
  if (sandbox.config.pullDateZone === 'Z') return `${at.toISOString().slice(0, 19)}Z`;
  const p = eatParts(at);
  return `${p.year}-${p2(p.month)}-${p2(p.day)}T${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}+03:00`;
}

/** Amounts are strings whose decimals vary between rows (`"168.00"`, `"2697.0"`, SPEC §9.5). */
function rowAmount(tx: Transaction): string {
  const text = formatCents(tx.amountCents);
  const oneDecimal = tx.receipt.charCodeAt(tx.receipt.length - 1) % 2 === 1 && text.endsWith('0');
  return oneDecimal ? text.slice(0, -1) : text;
}

function row(sandbox: Sandbox, tx: Transaction) {
  const msisdn = tx.debit.type === 'subscriber' ? tx.debit.msisdn : '';
  const shortcode = tx.credit.type === 'org' ? tx.credit.shortcode : '';
  return {
    transactionId: tx.receipt,
    trxDate: trxDate(sandbox, tx.at),
    msisdn: Number(msisdn),
    sender: (sandbox.world.subscribers.get(msisdn)?.name ?? 'MPESA').toUpperCase(),
    // Which type an STK row carries is unknown (SPEC §9.5); the sandbox lists it as a paybill payment.
    transactiontype: tx.commandId === 'CustomerBuyGoodsOnline' ? 'c2b-buy-goods-debit' : 'c2b-pay-bill-debit',
    billreference: tx.commandId === 'CustomerBuyGoodsOnline' ? '' : (tx.accountReference ?? ''),
    amount: rowAmount(tx),
    organizationname: sandbox.world.organisations.get(shortcode)?.name ?? '',
  };
}

/** Completed payments into `shortcode` between `from` and `to`, oldest first; Pull keeps only the last 48 hours. */
export function paymentsInto(sandbox: Sandbox, shortcode: string, from: Date, to: Date, now = new Date()): Transaction[] {
  const earliest = Math.max(from.getTime(), now.getTime() - WINDOW_MS);
  return [...sandbox.world.transactions.values()]
    .filter((tx) => (tx.kind === 'stk' || tx.kind === 'c2b') && tx.credit.type === 'org' && tx.credit.shortcode === shortcode)
    .filter((tx) => tx.at.getTime() >= earliest && tx.at.getTime() <= to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.receipt.localeCompare(b.receipt));
}

async function query(sandbox: Sandbox, body: Record<string, unknown>): Promise<Reply> {
  const shortcode = field(body, 'ShortCode', shortcodeSchema);
  const from = field(body, 'StartDate', nairobiDateTime);
  const to = field(body, 'EndDate', nairobiDateTime);
  const offset = field(body, 'OffSetValue', offsetSchema);
  if (sandbox.faults.take('pull', 'failed-to-retrieve')) {
    return jsonReply(500, { RequestID: legacyGatewayId(), ResponseCode: '500', ResponseMessage: 'Failed to retrieve transactions' });
  }
  if (!sandbox.pullRegistrations.has(shortcode)) return jsonReply(200, NO_RECORDS);
  const all = paymentsInto(sandbox, shortcode, from, to);
  const { pullPageSize: size, pullOffsetMode, pullTotalPages } = sandbox.config;
  const start = pullOffsetMode === 'page' ? offset * size : offset;
  const page = all.slice(start, start + size);
  if (page.length === 0) return jsonReply(200, NO_RECORDS);
  return jsonReply(200, {
    ResponseRefID: gatewayId(),
    ResponseCode: '1000',
    ResponseMessage: 'Success',
    Response: [page.map((tx) => row(sandbox, tx))],
    ...(pullTotalPages ? { TotalPages: Math.ceil(all.length / size) } : {}),
  });
}

export const pullRegisterRoute: DarajaRoute = { api: 'pull', tokenError: '404', firstField: 'ShortCode', handle: register };
export const pullQueryRoute: DarajaRoute = { api: 'pull', tokenError: '404', firstField: 'ShortCode', handle: query };
