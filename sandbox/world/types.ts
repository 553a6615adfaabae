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
  reversedBy?: string;
  originalReceipt?: string;
}

export interface Initiator {
  name: string;
  password: string;
  shortcodes: string[];
  failures: number;
  locked: boolean;
}
