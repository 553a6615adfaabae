import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { normalizeKenyanPhone } from '@/lib/phone';
import { registerPull } from '@/lib/payments/statement/register-pull';
import { registerPullSchema } from '@/lib/payments/statement/register-pull-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Registers the agency's paybill for M-Pesa statements (Pull Transactions), with the number Safaricom has on file. */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin']);
  const { nominatedNumber } = await parseJsonBody(request, registerPullSchema);
  const phone = normalizeKenyanPhone(nominatedNumber);
  if (!phone.ok) throw new AppError('invalid_request', phone.message, { details: { fields: [{ path: 'nominatedNumber', message: phone.message }] } });
  const result = await registerPull(await getDb(), { agencyId: caller.agencyId, actor: caller, nominatedNumber: phone.msisdn });
  if (result.outcome === 'refused') throw new AppError('payment_provider_error', `M-Pesa refused the registration: ${result.status} ${result.description}`);
  return NextResponse.json({ registration: result });
});
