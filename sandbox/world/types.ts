export type SubscriberBehaviour = 'auto-approve' | 'manual' | 'no-answer';

export interface Sms {
  id: number;
  from: string;
  text: string;
  at: string;
}

export interface Subscriber {
  msisdn: string;
  name: string;
  pin: string;
  balanceCents: number;
  behaviour: SubscriberBehaviour;
  sms: Sms[];
}

export type OrgAccount = 'working' | 'utility' | 'charges';

export const ACCOUNT_NAMES: Record<OrgAccount, string> = {
  working: 'Working Account',
  utility: 'Utility Account',
  charges: 'Charges Paid Account',
};

export interface Organisation {
  shortcode: string;
  name: string;
  /** Only Express-enabled shortcodes have one. */
  passkey?: string;
  accounts: Record<OrgAccount, number>;
}

export type TransactionKind = 'stk' | 'c2b' | 'b2c' | 'reversal';

/** One party of a money movement: a subscriber's M-Pesa wallet or an organisation account. */
export type Party = { type: 'subscriber'; msisdn: string } | { type: 'org'; shortcode: string; account: OrgAccount };

export interface Transaction {
  receipt: string;
  kind: TransactionKind;
  amountCents: number;
  debit: Party;
  credit: Party;
  at: Date;
  reason: string;
  accountReference?: string;
  originatorConversationId?: string;
  conversationId?: string;
  checkoutRequestId?: string;
  /** STK payments: the push's MerchantRequestID, which Transaction Status prints as `OriginatorConversationID` (SPEC §8.1). */
  merchantRequestId?: string;
  /** C2B payments: `CustomerPayBillOnline` or `CustomerBuyGoodsOnline` (STK pushes carry it too). */
  commandId?: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  /** Part of the demo history that Haven's seed wrote (see `world/history.ts`), not made while this process ran. */
  seeded?: boolean;
  reversedBy?: string;
  originalReceipt?: string;
}

export interface ConsumerApp {
  key: string;
  secret: string;
}

export interface Initiator {
  name: string;
  password: string;
  shortcodes: string[];
  failures: number;
  locked: boolean;
}
