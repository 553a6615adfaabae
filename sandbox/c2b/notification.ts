import { createHash } from 'node:crypto';
import type { C2bRegistration } from '../context';
import { darajaTimestamp } from '../time';
import { formatCents } from '../wire-json';
import type { Subscriber } from '../world/types';

/** v1 sends a SHA-256 of the number, v2 a masked one like `2547 ***** 126` (SPEC §9.1). */
export function callbackMsisdn(version: C2bRegistration['version'] | undefined, msisdn: string): string {
  if (version === 'v1') return createHash('sha256').update(msisdn).digest('hex');
  if (version === 'v2') return `${msisdn.slice(0, 4)} ***** ${msisdn.slice(-3)}`;
  return msisdn;
}

export interface C2bNotificationInput {
  commandId: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  transId: string;
  at: Date;
  amountCents: number;
  shortcode: string;
  billRef: string;
  customer: Pick<Subscriber, 'msisdn' | 'name'>;
  registration: C2bRegistration | undefined;
  /** `""` on validation; the new Utility balance on confirmation (SPEC §9.2). */
  orgAccountBalanceCents?: number;
  thirdPartyTransId?: string;
}

/** The flat body of a C2B validation or confirmation request, keys in the documented order (SPEC §9.2). */
export function c2bNotificationBody(p: C2bNotificationInput): Record<string, string> {
  const [first = '', ...rest] = p.customer.name.split(/\s+/);
  return {
    TransactionType: p.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods',
    TransID: p.transId,
    TransTime: darajaTimestamp(p.at),
    TransAmount: formatCents(p.amountCents),
    BusinessShortCode: p.shortcode,
    BillRefNumber: p.billRef,
    InvoiceNumber: '',
    OrgAccountBalance: p.orgAccountBalanceCents === undefined ? '' : formatCents(p.orgAccountBalanceCents),
    ThirdPartyTransID: p.thirdPartyTransId ?? '',
    MSISDN: callbackMsisdn(p.registration?.version, p.customer.msisdn),
    FirstName: first,
    MiddleName: rest.length > 1 ? rest.slice(0, -1).join(' ') : '',
    LastName: rest.at(-1) ?? '',
  };
}
