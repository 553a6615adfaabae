import type { Db } from '@/db/client';
import { getPushByCheckoutId, getPushById, type StkRow } from '@/db/queries/mpesa-transactions';
import { initiateStkPush, type InitiateStkPushInput } from '@/lib/payments/stk/initiate-stk-push';
import { getStkSettings, type StkSettings } from '@/lib/payments/stk/stk-settings';
import { createMpesaWorld, type MpesaWorld } from '../support/mpesa-world';

export { callerByEmail, leaseIdOf } from '../support/mpesa-world';

/** Shared by the STK integration tests: the M-Pesa world, a `pay` shortcut and push lookups. */

/** Polls the push (by CheckoutRequestID or our id) until `done` says so (callbacks are processed asynchronously). */
export async function waitForPush(db: Db, ref: string, done: (row: StkRow) => boolean = (r) => r.status !== 'PENDING', timeoutMs = 20_000): Promise<StkRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = ref.startsWith('ws_') ? await getPushByCheckoutId(db, { checkoutRequestId: ref }) : await getPushById(db, { id: ref });
    if (row && done(row)) return row;
    if (Date.now() > deadline) throw new Error(`push ${ref} still ${row?.status ?? 'missing'} (receipt ${row?.mpesaReceiptNumber ?? 'none'}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Paid and its receipt proven by Transaction Status: what "done" means for a successful push. */
export const paidWithReceipt = (r: StkRow) => r.status === 'SUCCESS' && r.mpesaReceiptNumber !== null;

export interface StkWorld extends MpesaWorld {
  settings: StkSettings;
  pay(who: string, amountKes: number, extra?: Partial<InitiateStkPushInput>): ReturnType<typeof initiateStkPush>;
}

export async function createStkWorld(secret: string, options: { sandboxEnv?: Record<string, string> } = {}): Promise<StkWorld> {
  const world = await createMpesaWorld({ secret, prefix: 'haven_stk', sandboxEnv: options.sandboxEnv });
  const settings = getStkSettings({ queryAfterSeconds: 0, queryMinIntervalSeconds: 0 });
  return {
    ...world,
    settings,
    pay: (who, amountKes, extra = {}) =>
      initiateStkPush(world.db.db, {
        caller: world.callers[who]!,
        leaseId: world.leases[who]!,
        phoneNumber: world.callers[who]!.phone!,
        amountCents: amountKes * 100,
        mpesa: world.mpesa,
        ...extra,
      }),
  };
}
