import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoData } from '@/db/seed';
import { payments } from '@/db/schema';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import type { DarajaClient } from '@/lib/mpesa/client-types';
import { setMpesaContextResolver } from '@/lib/payments/mpesa-context';
import { configFromEnv } from '../../sandbox/config';
import { createSandbox, type Sandbox } from '../../sandbox/context';
import { loadOrCreateKeyMaterial } from '../../sandbox/credentials';
import { parseEnv as parseSandboxEnv } from '../../sandbox/env';
import { createSandboxServer } from '../../sandbox/server';
import { eventually, leaseIdOf, startCallbackReceiver, type CallbackReceiver } from '../support/mpesa-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * A paybill payment whose validation answer never arrives whole. In the callback-ingest bench (1,500 payments at
 * 150/s) the sandbox read the 200 of one validation answer and then waited for ever on its body: the fetch's abort
 * signal never reached it (nodejs/undici#4089). That payment was neither completed nor refused, so M-Pesa never took
 * the money and the bench waited 15 minutes for a credit that could not come. Daraja gives the validation URL about
 * 8 s and then lets ResponseType decide (SPEC §9.2), whatever the socket does.
 *
 * The sandbox runs in this process so that the stalled body can be played exactly: the validation URL is really
 * called (Haven stores and decides it) but the response handed back has a body that never ends and ignores the
 * abort. With ResponseType `Completed` the payment must go through after the timeout and be credited.
 */

const SECRET = 'validation-deadline-secret';
const AMINA = '254712345678';
const VALIDATION_TIMEOUT_MS = 400;

let db: TestDatabase;
let sandbox: Sandbox;
let closeSandbox: () => Promise<void>;
let receiver: CallbackReceiver;
let client: DarajaClient;
let aminaLease: string;
let aminaAccount: string;

/** A body that never ends and never errors: what the sandbox's fetch handed back in the bench. */
const stalledAnswer = () => new Response(new ReadableStream<Uint8Array>({ start() {} }), { status: 200, headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_validation_deadline' });
  await seedDemoData(db.db);
  const keys = await loadOrCreateKeyMaterial(mkdtempSync(join(tmpdir(), 'haven-sandbox-')));
  sandbox = createSandbox(
    { ...configFromEnv(parseSandboxEnv({ NODE_ENV: 'test' })), resultDelayMs: 50, sameAmountWindowSeconds: 0, c2bValidationTimeoutMs: VALIDATION_TIMEOUT_MS },
    keys,
  );
  const server = createSandboxServer(sandbox);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeSandbox = async () => {
    sandbox.scheduler.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  receiver = await startCallbackReceiver(db.db, SECRET);
  const env = parseEnv({ DARAJA_SANDBOX_PORT: String((server.address() as AddressInfo).port), MPESA_CALLBACK_URL: receiver.base, MPESA_CALLBACK_SECRET: SECRET });
  client = createDarajaClient({ ...env.mpesa, retry: { maxAttempts: 1 } });
  const callbackUrl = (path: string) => `${receiver.base}/${path}/${SECRET}`;
  setMpesaContextResolver(async () => ({ client, shortcode: env.mpesa.shortcode, b2cShortcode: env.mpesa.b2cShortcode, callbackUrl }));
  await client.registerC2bUrls({ confirmationUrl: callbackUrl('c2b/confirmation'), validationUrl: callbackUrl('c2b/validation'), responseType: 'Completed' });
  aminaLease = await leaseIdOf(db.db, 'tenant@example.com');
  const [lease] = (await db.db.execute(sql`select account_reference from leases where id = ${aminaLease}`)) as unknown as { account_reference: string }[];
  aminaAccount = lease!.account_reference;

  // Every other call (Haven's Daraja client, the confirmation, the status result) goes through untouched.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const res = await realFetch(input, init);
    if (!url.includes('/c2b/validation/')) return res;
    await res.text();
    return stalledAnswer();
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await closeSandbox?.();
  await receiver?.close();
  await receiver?.settle();
  setMpesaContextResolver(null);
  await db?.drop();
});

describe('paybill validation answered with a body that never completes', () => {
  it('lets ResponseType decide at the timeout: M-Pesa takes the money, and Haven credits it', async () => {
    await client.simulateC2b({ amountCents: 1_234_00, msisdn: AMINA, billRefNumber: aminaAccount });

    const credited = await eventually(
      () => db.db.select().from(payments).where(and(eq(payments.leaseId, aminaLease), eq(payments.amountCents, 1_234_00))),
      (rows) => rows.length === 1,
      { timeoutMs: 15_000, what: 'the paybill payment credited' },
    );
    const receipt = credited[0]!.mpesaReceiptNumber!;
    expect(sandbox.world.transactions.get(receipt)).toMatchObject({ kind: 'c2b', amountCents: 1_234_00, accountReference: aminaAccount });

    const attempts = sandbox.callbacks.attempts.filter((a) => a.ref === receipt);
    const validation = attempts.find((a) => a.url.includes('/c2b/validation/'));
    // What Daraja saw: headers, then nothing whole before its timer ran out.
    expect(validation).toMatchObject({ status: 200, response: null, error: `TimeoutError: no complete answer within ${VALIDATION_TIMEOUT_MS} ms` });
    expect(attempts.some((a) => a.url.includes('/c2b/confirmation/') && a.status === 200)).toBe(true);
  });
});
