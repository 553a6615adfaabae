import type { CallbackPlan } from '../callbacks';

export interface StkSession {
  merchantRequestId: string;
  checkoutRequestId: string;
  businessShortCode: string;
  partyB: string;
  transactionType: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  /** Whoever receives the prompt enters the PIN and pays from their own wallet. */
  phone: string;
  amountCents: number;
  accountReference: string;
  callbackUrl: string;
  createdAt: Date;
  /** The USSD text shown on the virtual phone; absent when no prompt was ever delivered. */
  promptText?: string;
  status: 'pending' | 'done';
  resultCode?: string;
  resultDesc?: string;
  receipt?: string;
  plan: CallbackPlan;
  cancelTimers: (() => void)[];
}

export const isOpenPrompt = (s: StkSession): boolean => s.status === 'pending' && s.promptText !== undefined;
