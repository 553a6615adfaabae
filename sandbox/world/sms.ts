import { formatCents } from '../wire-json';
import { smsDateTime } from '../time';

/** `Ksh1,000.00`, the way M-Pesa SMS write amounts. */
export function smsAmount(cents: number): string {
  const [whole, frac] = formatCents(cents).split('.');
  return `Ksh${Number(whole).toLocaleString('en-KE')}.${frac}`;
}

export function paidSms(p: { receipt: string; amountCents: number; orgName: string; account?: string; at: Date; balanceCents: number }): string {
  const account = p.account ? ` for account ${p.account}` : '';
  return `${p.receipt} Confirmed. ${smsAmount(p.amountCents)} sent to ${p.orgName}${account} on ${smsDateTime(p.at)} New M-PESA balance is ${smsAmount(p.balanceCents)}. Transaction cost, Ksh0.00.`;
}

export function receivedSms(p: { receipt: string; amountCents: number; orgName: string; shortcode: string; at: Date; balanceCents: number }): string {
  return `${p.receipt} Confirmed. You have received ${smsAmount(p.amountCents)} from ${p.orgName} ${p.shortcode} on ${smsDateTime(p.at)} New M-PESA balance is ${smsAmount(p.balanceCents)}.`;
}

export function reversedSms(p: { receipt: string; originalReceipt: string; amountCents: number; at: Date; balanceCents: number }): string {
  return `${p.receipt} Confirmed. Transaction ${p.originalReceipt} of ${smsAmount(p.amountCents)} has been reversed on ${smsDateTime(p.at)}. Your M-PESA balance is now ${smsAmount(p.balanceCents)}.`;
}
