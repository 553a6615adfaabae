import 'server-only';
import { getDb } from '@/db/client';
import { finishInboxRow, type InboxClaim } from '@/db/queries/callback-inbox';
import { buildC2bValidationReply } from '@/lib/mpesa/callbacks';
import { callbackJson, receiveCallback } from '../callback-intake';
import { decideC2bValidation } from './decide-c2b-validation';

/**
 * The paybill validation URL. Unlike other callbacks it is answered synchronously: Daraja waits about 8 s for
 * accept/reject before `ResponseType` decides (SPEC §9.2). The raw body is still stored first (invariant 2).
 */
export function createC2bValidationRoute() {
  return async function POST(request: Request, context: { params: Promise<{ secret: string }> }): Promise<Response> {
    const { secret } = await context.params;
    const intake = await receiveCallback(request, { kind: 'c2b-validation', secret, answeredHere: true });
    if (!intake.ok) {
      // A 5xx would let `ResponseType: Completed` accept money whose confirmation we probably cannot store
      // either; refusing keeps the customer's money with them, and they can pay again.
      if (intake.reason === 'store_failed') return callbackJson(buildC2bValidationReply({ code: 'C2B00016' }));
      return intake.response;
    }

    const db = await getDb();
    // Stored claimed by this request (receiveCallback), so the inbox workers leave it alone while it is answered here.
    const row: InboxClaim | null = intake.claimToken ? { id: intake.rowId, claimToken: intake.claimToken, attempts: 1, failures: 0 } : null;
    let decision;
    try {
      decision = await decideC2bValidation(db, { body: intake.body });
    } catch (error) {
      console.error(`Paybill validation ${intake.rowId} failed`, error);
      if (row) await finishInboxRow(db, { row, outcome: 'error', error: error instanceof Error ? error.message : String(error) }).catch(() => {});
      return callbackJson(buildC2bValidationReply({ code: 'C2B00016' }));
    }
    // Best effort: an unmarked row is re-decided by the inbox workers; the answer must not wait on it failing.
    if (row) {
      await finishInboxRow(db, { row, outcome: decision.outcome, correlationId: decision.transId, error: decision.reason, agencyId: decision.agencyId }).catch((error: unknown) => {
        console.error(`Could not mark paybill validation ${intake.rowId}`, error);
      });
    }
    return callbackJson(buildC2bValidationReply({ code: decision.code }));
  };
}
