import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { claimDueMessages, markSending, releaseExpiredClaims, settleAttempt, type MessageRow } from '@/db/queries/messages';
import { getEnv } from '@/lib/env';
import { retryDelayMs } from './backoff';
import { sendAfricasTalkingSms } from './channels/africas-talking';
import { sendSmtpEmail } from './channels/smtp';
import type { DeliveryOutcome, Transports } from './channels/types';
import { QUIET_HOURS_KINDS, type MessageKind } from './message-kinds';
import { isQuietHours, nextSendableTime } from './quiet-hours';
import { getSmsAccount } from './sms-account';
import { templates } from './templates';

/**
 * Delivers due outbox messages. Safe with any number of workers and instances: rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and every later change checks the claim token. Each attempt is
 *   claim (commit) → render → mark `sending` (commit) → provider call → settle (commit),
 * so a crash before `sending` hands the message back to the queue, and a crash after it leaves it `unknown` for an
 * admin: the providers take no idempotency key, and at most once is the promise.
 */

export interface WorkerOptions {
  transports?: Transports;
  now?: () => Date;
  batchSize?: number;
  /** How long a claim holds; longer than the slowest provider call (15 s timeouts). */
  claimSeconds?: number;
  retryBaseMs?: number;
}

export interface WorkerRun {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
  cancelled: number;
}

export function defaultTransports(): Transports {
  const env = getEnv().messaging;
  return {
    sendSms: (sms) => sendAfricasTalkingSms(sms),
    sendEmail: (email) => sendSmtpEmail(email, { smtpUrl: env.smtpUrl }),
  };
}

/** Drops sealed one-time links from a payload once they are no longer needed. */
const withoutSecrets = (payload: Record<string, unknown>) => Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('sealed')));

export async function runOutboxOnce(db: Db, options: WorkerOptions = {}): Promise<WorkerRun> {
  const env = getEnv();
  const clock = options.now ?? (() => new Date());
  const transports = options.transports ?? defaultTransports();
  const run: WorkerRun = { claimed: 0, sent: 0, retried: 0, failed: 0, unknown: 0, cancelled: 0 };
  const start = clock();
  await releaseExpiredClaims(db, { now: start });
  const token = randomUUID();
  const claimed = await claimDueMessages(db, {
    now: start,
    limit: options.batchSize ?? 20,
    claimUntil: new Date(start.getTime() + (options.claimSeconds ?? 120) * 1000),
    token,
  });
  run.claimed = claimed.length;
  for (const message of claimed) {
    const result = await deliverOne(db, message, { token, clock, transports, appUrl: env.appUrl, retryBaseMs: options.retryBaseMs ?? env.messaging.retryBaseSeconds * 1000 });
    run[result] += 1;
  }
  return run;
}

type Result = 'sent' | 'retried' | 'failed' | 'unknown' | 'cancelled';

async function deliverOne(
  db: Db,
  message: MessageRow,
  { token, clock, transports, appUrl, retryBaseMs }: { token: string; clock: () => Date; transports: Transports; appUrl: string; retryBaseMs: number },
): Promise<Result> {
  const now = clock();
  const retryOrFail = async (error: string, at: Date): Promise<Result> => {
    if (message.attempts >= message.maxAttempts) {
      await settleAttempt(db, { id: message.id, token, set: { status: 'failed', lastError: error, updatedAt: at, payload: withoutSecrets(message.payload) } });
      return 'failed';
    }
    const next = new Date(at.getTime() + retryDelayMs(message.attempts, retryBaseMs));
    await settleAttempt(db, { id: message.id, token, set: { status: 'queued', lastError: error, nextAttemptAt: next, updatedAt: at } });
    return 'retried';
  };

  // A retry that comes due at night waits for the morning without using up an attempt.
  if (QUIET_HOURS_KINDS.has(message.kind) && isQuietHours(now)) {
    await settleAttempt(db, { id: message.id, token, set: { status: 'queued', attempts: message.attempts - 1, nextAttemptAt: nextSendableTime(now), updatedAt: now } });
    return 'retried';
  }

  let rendered;
  try {
    const template = templates[message.kind as MessageKind];
    if (!template) throw new Error(`No template for ${message.kind}`);
    rendered = await template({ db, message, now, appUrl });
  } catch (error) {
    return retryOrFail(`Could not prepare the message: ${error instanceof Error ? error.message : String(error)}`, now);
  }
  if ('defer' in rendered) {
    await settleAttempt(db, { id: message.id, token, set: { status: 'queued', attempts: message.attempts - 1, nextAttemptAt: rendered.until, lastError: rendered.defer, updatedAt: now } });
    return 'retried';
  }
  if ('skip' in rendered) {
    await settleAttempt(db, { id: message.id, token, set: { status: 'cancelled', lastError: rendered.skip, updatedAt: now, payload: withoutSecrets(message.payload) } });
    return 'cancelled';
  }

  if (!(await markSending(db, { id: message.id, token, subject: rendered.subject, body: rendered.stored ?? rendered.text, now }))) return 'cancelled';

  let outcome: DeliveryOutcome;
  try {
    outcome = message.channel === 'sms'
      ? await transports.sendSms({ account: await getSmsAccount(db, { agencyId: message.agencyId }), to: message.address, text: rendered.text })
      : await transports.sendEmail({
          to: message.address,
          fromName: rendered.fromName,
          fromAddress: getEnv().messaging.emailFromAddress,
          subject: rendered.subject ?? '',
          text: rendered.text,
          html: rendered.html ?? '',
          attachments: rendered.attachments ?? [],
          messageId: `<${message.id}@haven>`,
        });
  } catch (error) {
    // A transport that throws instead of answering: we cannot tell whether it sent.
    outcome = { kind: 'unknown', error: error instanceof Error ? error.message : String(error) };
  }

  const at = clock();
  switch (outcome.kind) {
    case 'sent':
      await settleAttempt(db, {
        id: message.id, token,
        set: { status: 'sent', sentAt: at, providerMessageId: outcome.providerMessageId, providerStatus: outcome.providerStatus, lastError: null, updatedAt: at, payload: withoutSecrets(message.payload) },
      });
      return 'sent';
    case 'retry':
      return retryOrFail(outcome.error, at);
    case 'failed':
      await settleAttempt(db, { id: message.id, token, set: { status: 'failed', lastError: outcome.error, updatedAt: at, payload: withoutSecrets(message.payload) } });
      return 'failed';
    case 'unknown':
      await settleAttempt(db, { id: message.id, token, set: { status: 'unknown', lastError: outcome.error, updatedAt: at } });
      return 'unknown';
  }
}
