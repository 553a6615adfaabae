import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { recordPullRegistration } from '@/db/queries/mpesa-statement';
import type { Caller } from '@/lib/auth/caller';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { PullRegisterResult } from '@/lib/mpesa/client-types';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';

/**
 * Registers a paybill for Pull Transactions (SPEC §9.5): once per shortcode; `1001 already registered` later on is a
 * success. Done by itself at start-up against the local sandbox, and by an admin's action otherwise (production
 * registers with the number on the paybill's KYC record, which only the agency knows).
 */
export async function registerPull(
  db: Db,
  { agencyId, actor, nominatedNumber, mpesa }: { agencyId: string; actor: Caller | null; nominatedNumber?: string; mpesa?: MpesaContext },
): Promise<PullRegisterResult> {
  const number = nominatedNumber ?? getEnv().mpesa.pullNominatedNumber;
  if (!number) throw new AppError('invalid_request', 'Enter the Safaricom number on the paybill’s KYC record (2547…) to register for M-Pesa statements');
  const ctx = mpesa ?? (await getMpesaContext(db, { agencyId }));
  const result = await ctx.client.registerPullTransactions({ nominatedNumber: number, callbackUrl: ctx.callbackUrl('pull'), shortcode: ctx.shortcode });
  if (result.outcome !== 'refused') await recordPullRegistration(db, { shortcode: ctx.shortcode, agencyId, status: `${result.status} ${result.description}` });
  await recordAudit(db, { actor, agencyId, action: 'statement.pull_registration', targetType: 'paybill', targetId: ctx.shortcode, details: { ...result, nominatedNumber: number } });
  return result;
}
