import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { insertInboxRow, type InboxKind } from '@/db/queries/callback-inbox';
import { seedDemoData } from '@/db/seed';
import { users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { parseEnv } from '@/lib/env';
import { buildC2bValidationReply } from '@/lib/mpesa/callbacks';
import { createDarajaClient } from '@/lib/mpesa/client';
import { decideC2bValidation, type UnknownAccountPolicy } from '@/lib/payments/c2b/decide-c2b-validation';
import { setMpesaContextResolver, type MpesaContext } from '@/lib/payments/mpesa-context';
import { processInboxRowById } from '@/lib/payments/process-inbox';
import { startSandbox, type SandboxHandle } from './sandbox-process';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * A whole M-Pesa world for integration tests, without Next: a fresh seeded database, the real sandbox process,
 * and a local HTTP server standing in for Haven's callback routes (store raw in the inbox → answer → process after
 * the answer through the real processor registry, like `after()`), with the payment services pointed at both.
 */

const ROUTES: [RegExp, InboxKind][] = [
  [/^\/callback\//, 'stk'],
  [/^\/c2b\/confirmation\//, 'c2b-confirmation'],
  [/^\/c2b\/validation\//, 'c2b-validation'],
  [/^\/b2c\/result\//, 'b2c-result'],
  [/^\/b2c\/timeout\//, 'b2c-timeout'],
  [/^\/reversal\/result\//, 'reversal-result'],
  [/^\/reversal\/timeout\//, 'reversal-timeout'],
  [/^\/balance\/result\//, 'balance-result'],
  [/^\/balance\/timeout\//, 'balance-timeout'],
  [/^\/transaction-status\/result\//, 'status-result'],
  [/^\/transaction-status\/timeout\//, 'status-timeout'],
];

export interface CallbackReceiver {
  base: string;
  /** Every path → kind it stored, in arrival order. */
  stored: { kind: InboxKind; id: string }[];
  /** Processing still running after the answer (like Next's `after()`); resolves when all of it is done. */
  settle(): Promise<void>;
  /** While true, callbacks are stored but not processed (the app is "down" for processing). */
  pauseProcessing(paused: boolean): void;
  /** Rewrites a body before it is stored (a test playing a Daraja that omits or changes something). */
  transform: ((kind: InboxKind, body: string) => string) | null;
  /** What paybill validation does with an unknown account (HAVEN_PAYBILL_UNKNOWN_ACCOUNT); unset: the environment's. */
  unknownAccount: UnknownAccountPolicy | undefined;
  close(): Promise<void>;
}

export async function startCallbackReceiver(db: Db, secret: string): Promise<CallbackReceiver> {
  const inFlight = new Set<Promise<unknown>>();
  const stored: CallbackReceiver['stored'] = [];
  let paused = false;
  const receiver = { transform: null as CallbackReceiver['transform'], unknownAccount: undefined as UnknownAccountPolicy | undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // The whole handling is tracked (not only the processing it starts), so that stopping the world waits for a
      // callback that arrived just before the stop instead of dropping the database under it.
      const handling = (async () => {
        const path = req.url ?? '/';
        const kind = ROUTES.find(([re]) => re.test(path))?.[1];
        if (!kind || !path.endsWith(`/${secret}`)) {
          res.writeHead(404).end();
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = receiver.transform ? receiver.transform(kind, raw) : raw;
        const row = await insertInboxRow(db, {
          kind,
          path: path.replace(secret, ':secret'),
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          sourceAddress: req.socket.remoteAddress ?? null,
          body,
        });
        stored.push({ kind, id: row.id });
        if (kind === 'c2b-validation') {
          const decision = await decideC2bValidation(db, { body, unknownAccount: receiver.unknownAccount });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(buildC2bValidationReply({ code: decision.code })));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ResultCode: 0, ResultDesc: 'Accepted' }));
        }
        if (paused || kind === 'c2b-validation') return;
        await processInboxRowById(db, { id: row.id });
      })();
      inFlight.add(handling);
      void handling.catch(() => undefined).finally(() => inFlight.delete(handling));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    base: `http://127.0.0.1:${port}`,
    stored,
    settle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    pauseProcessing: (value: boolean) => {
      paused = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export async function callerByEmail(db: Db, email: string): Promise<Caller> {
  const [u] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`no user ${email}`);
  return { id: u.id, agencyId: u.agencyId, role: u.role, name: u.name, email: u.email, phone: u.phone };
}

export async function leaseIdOf(db: Db, email: string): Promise<string> {
  const rows = await db.execute<{ id: string }>(sql`select l.id from leases l join users u on u.id = l.tenant_id where u.email = ${email}`);
  const id = (rows as unknown as { id: string }[])[0]?.id ?? (rows as unknown as { rows: { id: string }[] }).rows?.[0]?.id;
  if (!id) throw new Error(`no lease for ${email}`);
  return id;
}

/** Polls until `read` gives a value `done` accepts (callbacks are processed asynchronously, as in production). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 20_000, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface MpesaWorld {
  db: TestDatabase;
  sandbox: SandboxHandle;
  receiver: CallbackReceiver;
  mpesa: MpesaContext;
  callers: Record<string, Caller>;
  leases: Record<string, string>;
  stop(): Promise<void>;
}

const PEOPLE = {
  amina: 'tenant@example.com',
  brian: 'tenant2@example.com',
  cynthia: 'cynthia@example.com',
  david: 'david@example.com',
  esther: 'esther@example.com',
  faith: 'faith@example.com',
  george: 'george@example.com',
  halima: 'halima@example.com',
  admin: 'admin@example.com',
  landlord: 'landlord@example.com',
  landlord2: 'landlord2@example.com',
};

export async function createMpesaWorld({
  secret = 'world-secret',
  prefix = 'haven_world',
  sandboxEnv = {},
}: { secret?: string; prefix?: string; sandboxEnv?: Record<string, string> } = {}): Promise<MpesaWorld> {
  const [db, sandbox] = await Promise.all([createTestDatabase({ prefix }), startSandbox({ env: sandboxEnv })]);
  await seedDemoData(db.db);
  await sandbox.control.setConfig({ sameAmountWindowSeconds: 0 });
  const receiver = await startCallbackReceiver(db.db, secret);
  const env = parseEnv({ DARAJA_SANDBOX_PORT: String(sandbox.port), MPESA_CALLBACK_URL: receiver.base, MPESA_CALLBACK_SECRET: secret });
  const client = createDarajaClient({ ...env.mpesa, retry: { maxAttempts: 1 } });
  const mpesa: MpesaContext = {
    client,
    shortcode: env.mpesa.shortcode,
    b2cShortcode: env.mpesa.b2cShortcode,
    callbackUrl: (path) => `${receiver.base}/${path.replace(/^\//, '')}/${secret}`,
  };
  setMpesaContextResolver(async () => mpesa);
  await client.registerC2bUrls({ confirmationUrl: mpesa.callbackUrl('c2b/confirmation'), validationUrl: mpesa.callbackUrl('c2b/validation'), responseType: 'Completed' });
  const callers: Record<string, Caller> = {};
  const leases: Record<string, string> = {};
  for (const [key, email] of Object.entries(PEOPLE)) {
    callers[key] = await callerByEmail(db.db, email);
    if (callers[key]!.role === 'tenant') leases[key] = await leaseIdOf(db.db, email);
  }
  return {
    db,
    sandbox,
    receiver,
    mpesa,
    callers,
    leases,
    async stop() {
      // No more callbacks first (the sandbox, then our listener), then what already arrived, then the database.
      await sandbox.stop();
      await receiver.close();
      await receiver.settle();
      setMpesaContextResolver(null);
      await db.drop();
    },
  };
}
