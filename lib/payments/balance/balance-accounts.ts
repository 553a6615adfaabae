import type { BalanceAccount } from '@/db/schema/mpesa';

/** Client-safe helpers over the accounts parsed from a balance string (SPEC §7). */

/** B2C refunds are paid from the Utility account, so it is the balance that limits money going out. */
export function utilityAccount(accounts: readonly BalanceAccount[] | null | undefined): BalanceAccount | undefined {
  return accounts?.find((a) => /utility/i.test(a.name));
}
