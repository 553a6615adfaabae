import { takeCallbackPlan } from '../callbacks';
import type { Sandbox } from '../context';
import { decryptSecurityCredential } from '../credentials';
import { GatewayError, jsonReply, type Reply } from '../http';
import { placeholderReceipt } from '../ids';
import { resultEnvelope, type KeyValue } from '../result-envelope';
import type { ScenarioSubject } from '../scenarios';

export type InitiatorApi = 'b2c' | 'reversal' | 'balance' | 'status';

/**
 * SPEC §10/§13.7: a wrong credential is acknowledged and fails later with 2001; after
 * `maxInitiatorFailures` failures in a row the initiator is locked and everything is 8006.
 */
export function checkInitiator(sandbox: Sandbox, name: string, credential: string, shortcode: string | undefined): string {
  const initiator = sandbox.world.initiators.get(name);
  // An initiator belongs to its organisations; a status query about a phone names no shortcode.
  if (!initiator || (shortcode !== undefined && !initiator.shortcodes.includes(shortcode))) return '2001';
  if (initiator.locked) return '8006';
  if (decryptSecurityCredential(sandbox.keys, credential) === initiator.password) {
    initiator.failures = 0;
    return '0';
  }
  initiator.failures += 1;
  if (initiator.failures >= sandbox.config.maxInitiatorFailures) initiator.locked = true;
  return '2001';
}

export function claimOriginatorId(sandbox: Sandbox, id: string): void {
  if (sandbox.originatorIds.has(id)) throw new GatewayError('500.002.1001', 'Duplicate OriginatorConversationID.');
  sandbox.originatorIds.add(id);
}

export interface InitiatorJob {
  api: InitiatorApi;
  originatorConversationId: string;
  conversationId: string;
  resultUrl: string;
  queueTimeoutUrl: string;
  credentialCode: string;
  subject: ScenarioSubject;
  /** Runs at result time, so balances are read when the result is produced. */
  run(): unknown;
  failure(code: string, desc?: string): unknown;
}

/** A Result for a request that made no transaction: its TransactionID is the `XXX0000000` placeholder (SPEC §1.3). */
export function failureEnvelope(
  job: Pick<InitiatorJob, 'originatorConversationId' | 'conversationId'>,
  { code, desc, reference, params }: { code: string; desc?: string; reference: KeyValue; params?: KeyValue[] },
): unknown {
  return resultEnvelope({
    code,
    desc,
    originatorConversationId: job.originatorConversationId,
    conversationId: job.conversationId,
    transactionId: placeholderReceipt(new Date()),
    reference,
    params,
  });
}

/**
 * SPEC §5.5 has no documented queue-timeout body; this is the modelled one it recommends:
 * the usual Result envelope with a non-zero code and a timeout description.
 */
function queueTimeoutBody(job: InitiatorJob): unknown {
  return failureEnvelope(job, {
    code: '1037',
    desc: 'The request timed out in the M-Pesa queue (modelled by the local sandbox: no documented body exists)',
    reference: { Key: 'QueueTimeoutURL', Value: job.queueTimeoutUrl },
  });
}

export async function dispatchInitiatorJob(sandbox: Sandbox, job: InitiatorJob): Promise<void> {
  const plan = takeCallbackPlan(sandbox.faults, job.api);
  const scenario = sandbox.scenarios.take(job.subject);
  const produce = (): unknown => {
    if (job.credentialCode !== '0') return job.failure(job.credentialCode);
    if (scenario && scenario.resultCode !== '0') return job.failure(scenario.resultCode, scenario.resultDesc);
    return job.run();
  };
  const send = async (): Promise<void> => {
    if (plan.queueTimeout) {
      await sandbox.callbacks.deliver(job.api, job.queueTimeoutUrl, queueTimeoutBody(job), plan, job.conversationId);
      return;
    }
    await sandbox.callbacks.deliver(job.api, job.resultUrl, produce(), plan, job.conversationId);
  };
  if (plan.beforeAck) await send();
  else sandbox.scheduler.after(scenario?.delayMs ?? sandbox.config.resultDelayMs, send);
}

export function initiatorAck(job: InitiatorJob, description: string): Reply {
  return jsonReply(200, {
    ConversationID: job.conversationId,
    OriginatorConversationID: job.originatorConversationId,
    ResponseCode: '0',
    ResponseDescription: description,
  });
}
