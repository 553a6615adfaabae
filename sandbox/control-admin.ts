import { z } from 'zod';
import type { Sandbox } from './context';
import { jsonReply, type Reply } from './http';
import { organisationView } from './views';
import { kesToCents } from './wire-json';

/** Run-time additions to the world, for multi-agency tests: organisations, Daraja apps, initiators. */

const kesSchema = z.number().min(0).max(1_000_000_000);

export const organisationInputSchema = z
  .object({
    shortcode: z.string().regex(/^\d{5,7}$/),
    name: z.string().trim().min(1).max(100),
    /** Only Express-enabled (STK) shortcodes have one. */
    passkey: z.string().min(8).optional(),
    accounts: z.object({ working: kesSchema.optional(), utility: kesSchema.optional(), charges: kesSchema.optional() }).strict().optional(),
  })
  .strict();

export const consumerAppInputSchema = z.object({ key: z.string().min(1).max(200), secret: z.string().min(1).max(200) }).strict();

export const initiatorInputSchema = z
  .object({ name: z.string().trim().min(1).max(100), password: z.string().min(1), shortcodes: z.array(z.string().regex(/^\d{5,7}$/)).min(1) })
  .strict();

export function addOrganisation(sandbox: Sandbox, input: z.infer<typeof organisationInputSchema>): Reply {
  const { world } = sandbox;
  if (world.organisations.has(input.shortcode)) return jsonReply(409, { error: `organisation ${input.shortcode} exists` });
  const a = input.accounts ?? {};
  const org = {
    shortcode: input.shortcode,
    name: input.name,
    ...(input.passkey ? { passkey: input.passkey } : {}),
    // Opening balances bring new money into the world: totalCents grows by them, and is constant again after.
    accounts: { working: kesToCents(a.working ?? 0), utility: kesToCents(a.utility ?? 0), charges: kesToCents(a.charges ?? 0) },
  };
  world.organisations.set(org.shortcode, org);
  return jsonReply(201, organisationView(org));
}

export function addConsumerApp(sandbox: Sandbox, input: z.infer<typeof consumerAppInputSchema>): Reply {
  sandbox.world.consumerApps.set(input.key, { ...input });
  return jsonReply(201, { key: input.key });
}

export function addInitiator(sandbox: Sandbox, input: z.infer<typeof initiatorInputSchema>): Reply {
  const { world } = sandbox;
  if (world.initiators.has(input.name)) return jsonReply(409, { error: `initiator ${input.name} exists` });
  const unknown = input.shortcodes.filter((s) => !world.organisations.has(s));
  if (unknown.length > 0) return jsonReply(400, { error: `no organisation ${unknown.join(', ')}` });
  const initiator = { name: input.name, password: input.password, shortcodes: [...input.shortcodes], failures: 0, locked: false };
  world.initiators.set(initiator.name, initiator);
  return jsonReply(201, { name: initiator.name, shortcodes: initiator.shortcodes, failures: 0, locked: false });
}
