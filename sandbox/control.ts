import { z } from 'zod';
import { configPatchSchema } from './config';
import { resetSandbox, type Sandbox } from './context';
import { addConsumerApp, addInitiator, addOrganisation, consumerAppInputSchema, initiatorInputSchema, organisationInputSchema } from './control-admin';
import { faultInputSchema } from './faults';
import { jsonReply, type Reply } from './http';
import { ledgerView } from './ledger';
import { scenarioInputSchema } from './scenarios';
import { answerStk, openPromptFor } from './stk/engine';
import { organisationView, stateView, stkView, subscriberView } from './views';
import { kesToCents } from './wire-json';

const subscriberPatchSchema = z
  .object({
    name: z.string().min(1).optional(),
    pin: z.string().regex(/^\d{4}$/).optional(),
    balance: z.number().min(0).optional(),
    behaviour: z.enum(['auto-approve', 'manual', 'no-answer']).optional(),
  })
  .strict();
export const promptAnswerSchema = z.union([z.object({ pin: z.string().min(1) }).strict(), z.object({ cancel: z.literal(true) }).strict()]);
const initiatorPatchSchema = z.object({ locked: z.boolean().optional(), password: z.string().min(1).optional() }).strict();
const msisdnPattern = /^254[17]\d{8}$/;

const notFound = (what: string): Reply => jsonReply(404, { error: `${what} not found` });

export function parse<T>(schema: z.ZodType<T>, raw: string): { ok: true; value: T } | { ok: false; reply: Reply } {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, reply: jsonReply(400, { error: 'body is not JSON' }) };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { ok: false, reply: jsonReply(400, { error: 'invalid body', issues: r.error.issues }) };
  return { ok: true, value: r.data };
}

/** `/__sandbox/*`: the test-only control API (documented with exact JSON in sandbox/README.md). */
export async function handleControl(sandbox: Sandbox, method: string, path: string, raw: string, query: URLSearchParams): Promise<Reply> {
  const parts = path.split('/').filter(Boolean).slice(1);
  const [resource, id, sub] = parts;
  const route = `${method} ${resource ?? ''}${id ? '/:id' : ''}${sub ? `/${sub}` : ''}`;
  const { world } = sandbox;
  switch (route) {
    case 'GET certificate.cer':
      return { status: 200, body: sandbox.keys.certificatePem, contentType: 'application/x-x509-ca-cert' };
    case 'GET state':
      return jsonReply(200, stateView(sandbox));
    case 'POST reset':
      resetSandbox(sandbox);
      return jsonReply(200, { ok: true });
    case 'GET config':
      return jsonReply(200, sandbox.config);
    case 'POST config': {
      const p = parse(configPatchSchema, raw);
      if (!p.ok) return p.reply;
      sandbox.config = { ...sandbox.config, ...p.value };
      return jsonReply(200, sandbox.config);
    }
    case 'GET scenarios':
      return jsonReply(200, sandbox.scenarios.list());
    case 'POST scenarios': {
      const p = parse(scenarioInputSchema, raw);
      return p.ok ? jsonReply(201, sandbox.scenarios.add(p.value)) : p.reply;
    }
    case 'DELETE scenarios':
      sandbox.scenarios.clear();
      return jsonReply(200, { ok: true });
    case 'GET faults':
      return jsonReply(200, sandbox.faults.list());
    case 'POST faults': {
      const p = parse(faultInputSchema, raw);
      return p.ok ? jsonReply(201, sandbox.faults.add(p.value)) : p.reply;
    }
    case 'DELETE faults':
      sandbox.faults.clear();
      return jsonReply(200, { ok: true });
    case 'GET callbacks':
      return jsonReply(200, sandbox.callbacks.attempts);
    case 'DELETE callbacks':
      sandbox.callbacks.attempts = [];
      return jsonReply(200, { ok: true });
    case 'POST tokens/:id':
    case 'POST tokens':
      if (id !== 'expire') return notFound('route');
      sandbox.tokens.expireAll();
      return jsonReply(200, { ok: true });
    case 'GET subscribers':
      return jsonReply(200, [...world.subscribers.values()].map((s) => subscriberView(sandbox, s)));
    case 'GET subscribers/:id': {
      const s = world.subscribers.get(id ?? '');
      return s ? jsonReply(200, subscriberView(sandbox, s)) : notFound('subscriber');
    }
    case 'POST subscribers/:id':
    case 'PATCH subscribers/:id': {
      const msisdn = id ?? '';
      if (!msisdnPattern.test(msisdn)) return jsonReply(400, { error: 'msisdn must be 254 + 9 digits starting 7 or 1' });
      const p = parse(subscriberPatchSchema, raw);
      if (!p.ok) return p.reply;
      const existing = world.subscribers.get(msisdn) ?? { msisdn, name: 'New Subscriber', pin: '1234', balanceCents: 0, behaviour: 'auto-approve' as const, sms: [] };
      const { balance, ...rest } = p.value;
      const updated = { ...existing, ...rest, ...(balance !== undefined ? { balanceCents: kesToCents(balance) } : {}) };
      world.subscribers.set(msisdn, updated);
      return jsonReply(200, subscriberView(sandbox, updated));
    }
    case 'POST subscribers/:id/prompt': {
      const p = parse(promptAnswerSchema, raw);
      if (!p.ok) return p.reply;
      const session = openPromptFor(sandbox, id ?? '');
      if (!session) return notFound('open prompt');
      const resultCode = await answerStk(sandbox, session, p.value);
      return jsonReply(200, { checkoutRequestId: session.checkoutRequestId, resultCode, resultDesc: session.resultDesc ?? null, receipt: session.receipt ?? null });
    }
    case 'GET organisations':
      return jsonReply(200, [...world.organisations.values()].map(organisationView));
    case 'POST organisations': {
      const p = parse(organisationInputSchema, raw);
      return p.ok ? addOrganisation(sandbox, p.value) : p.reply;
    }
    case 'POST consumer-apps': {
      const p = parse(consumerAppInputSchema, raw);
      return p.ok ? addConsumerApp(sandbox, p.value) : p.reply;
    }
    case 'POST initiators': {
      const p = parse(initiatorInputSchema, raw);
      return p.ok ? addInitiator(sandbox, p.value) : p.reply;
    }
    case 'GET ledger': {
      const since = query.get('since');
      const sinceDate = since ? new Date(since) : undefined;
      if (sinceDate && Number.isNaN(sinceDate.getTime())) return jsonReply(400, { error: 'since must be an ISO date-time' });
      return jsonReply(200, ledgerView(sandbox, query.get('shortcode') ?? '174379', sinceDate));
    }
    case 'GET organisations/:id': {
      const o = world.organisations.get(id ?? '');
      return o ? jsonReply(200, organisationView(o)) : notFound('organisation');
    }
    case 'GET stk/:id': {
      const s = sandbox.stkSessions.get(id ?? '');
      return s ? jsonReply(200, stkView(s)) : notFound('STK request');
    }
    case 'POST initiators/:id': {
      const initiator = world.initiators.get(id ?? '');
      if (!initiator) return notFound('initiator');
      const p = parse(initiatorPatchSchema, raw);
      if (!p.ok) return p.reply;
      if (p.value.password !== undefined) initiator.password = p.value.password;
      if (p.value.locked !== undefined) {
        initiator.locked = p.value.locked;
        if (!p.value.locked) initiator.failures = 0;
      }
      return jsonReply(200, { name: initiator.name, shortcodes: initiator.shortcodes, failures: initiator.failures, locked: initiator.locked });
    }
    default:
      return notFound('control route');
  }
}
