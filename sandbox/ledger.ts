import type { Sandbox } from './context';
import type { Transaction } from './world/types';

/**
 * What M-Pesa actually moved for one shortcode, for tests that compare Haven's books with it: every payment in by
 * account reference and by receipt, reversals, payouts and the Utility balance. Seeded demo history appears once
 * something (Transaction Status, a reversal) has looked its receipt up; pass `since` to leave it out.
 */
export function ledgerView(sandbox: Sandbox, shortcode: string, since?: Date) {
  const { world } = sandbox;
  const touches = (tx: Transaction): boolean => world.involves(tx, shortcode);
  const inWindow = (tx: Transaction): boolean => since === undefined || tx.at.getTime() >= since.getTime();
  const txs = [...world.transactions.values()].filter((tx) => touches(tx) && inWindow(tx)).sort((a, b) => a.at.getTime() - b.at.getTime());
  const isIn = (tx: Transaction): boolean => (tx.kind === 'stk' || tx.kind === 'c2b') && tx.credit.type === 'org' && tx.credit.shortcode === shortcode;

  const accounts: Record<string, { receivedCents: number; reversedCents: number; netCents: number; receipts: string[] }> = {};
  const totals = { receivedCents: 0, reversedCents: 0, paidOutCents: 0, netCents: 0 };
  const receipts: Record<string, unknown> = {};
  for (const tx of txs) {
    const payer = tx.debit.type === 'subscriber' ? tx.debit.msisdn : null;
    receipts[tx.receipt] = {
      kind: tx.kind,
      amountCents: tx.amountCents,
      accountReference: tx.accountReference ?? null,
      payer,
      recipient: tx.credit.type === 'subscriber' ? tx.credit.msisdn : null,
      at: tx.at.toISOString(),
      status: tx.reversedBy ? 'reversed' : 'completed',
      reversedBy: tx.reversedBy ?? null,
      originalReceipt: tx.originalReceipt ?? null,
      merchantRequestId: tx.merchantRequestId ?? null,
      checkoutRequestId: tx.checkoutRequestId ?? null,
      originatorConversationId: tx.originatorConversationId ?? null,
      seeded: tx.seeded === true,
    };
    if (isIn(tx)) {
      const ref = tx.accountReference ?? '';
      const acc = (accounts[ref] ??= { receivedCents: 0, reversedCents: 0, netCents: 0, receipts: [] });
      acc.receivedCents += tx.amountCents;
      acc.netCents += tx.amountCents;
      acc.receipts.push(tx.receipt);
      totals.receivedCents += tx.amountCents;
      totals.netCents += tx.amountCents;
    } else if (tx.kind === 'reversal') {
      const original = tx.originalReceipt ? world.transactions.get(tx.originalReceipt) : undefined;
      const acc = (accounts[original?.accountReference ?? ''] ??= { receivedCents: 0, reversedCents: 0, netCents: 0, receipts: [] });
      acc.reversedCents += tx.amountCents;
      acc.netCents -= tx.amountCents;
      totals.reversedCents += tx.amountCents;
      totals.netCents -= tx.amountCents;
    } else if (tx.kind === 'b2c' && tx.debit.type === 'org') {
      totals.paidOutCents += tx.amountCents;
      totals.netCents -= tx.amountCents;
    }
  }
  const org = world.organisations.get(shortcode);
  return {
    shortcode,
    since: since?.toISOString() ?? null,
    utilityCents: org?.accounts.utility ?? null,
    totals,
    accounts,
    receipts,
  };
}
