import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getPushByCheckoutId, type StkRow } from '@/db/queries/mpesa-transactions';
import { insertInboxRow } from '@/db/queries/callback-inbox';
import { users } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import { seedDemoData } from '@/db/seed';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import { processInboxRowById } from '@/lib/payments/process-inbox';
import { initiateStkPush, type InitiateStkPushInput } from '@/lib/payments/stk/initiate-stk-push';
import { getStkSettings, type StkSettings } from '@/lib/payments/stk/stk-settings';
import { startSandbox, type SandboxHandle } from '../support/sandbox-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Shared by the STK integration tests: a stand-in for the Next callback route (store raw → answer Accepted →
 * process after the answer, through the real inbox processor registry) and small lookups.
 */

export interface CallbackReceiver {
  url: string;
  /** Processing that is still running after the answer (like Next's `after()`). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startCallbackReceiver(db: Db, secret: string): Promise<CallbackReceiver> {
  const inFlight = new Set<Promise<void>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.url !== `/callback/${secret}`) {
          res.writeHead(404).end();
          return;
        }
        const row = await insertInboxRow(db, {
          kind: 'stk',
          path: '/callback/:secret',
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          sourceAddress: req.socket.remoteAddress ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ResultCode: 0, ResultDesc: 'Accepted' }));
        const work = processInboxRowById(db, { id: row.id });
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback/${secret}`,
    settle: async () => {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
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

/** Polls the push until `done` says so (callbacks are processed asynchronously, as in production). */
export async function waitForPush(db: Db, checkoutRequestId: string, done: (row: StkRow) => boolean = (r) => r.status !== 'PENDING', timeoutMs = 10_000): Promise<StkRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await getPushByCheckoutId(db, { checkoutRequestId });
    if (row && done(row)) return row;
    if (Date.now() > deadline) throw new Error(`push ${checkoutRequestId} still ${row?.status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface StkWorld {
  db: TestDatabase;
  sandbox: SandboxHandle;
  receiver: CallbackReceiver;
  client: ReturnType<typeof createDarajaClient>;
  settings: StkSettings;
  callers: Record<string, Caller>;
  leases: Record<string, string>;
  pay(who: string, amountKes: number, extra?: Partial<InitiateStkPushInput>): ReturnType<typeof initiateStkPush>;
  stop(): Promise<void>;
}

/** A fresh database with the demo agency, a sandbox process, a callback receiver and a client pointed at it. */
export async function createStkWorld(secret: string): Promise<StkWorld> {
  process.env.MPESA_CALLBACK_SECRET = secret;
  const [db, sandbox] = await Promise.all([createTestDatabase({ prefix: 'haven_stk' }), startSandbox()]);
  await seedDemoData(db.db);
  await sandbox.control.setConfig({ sameAmountWindowSeconds: 0 });
  const client = createDarajaClient({ ...parseEnv({ MPESA_BASE_URL: sandbox.url }).mpesa, retry: { maxAttempts: 1 } });
  const receiver = await startCallbackReceiver(db.db, secret);
  const settings = getStkSettings({ queryAfterSeconds: 0, queryMinIntervalSeconds: 0 });
  const callers: Record<string, Caller> = {};
  const leases: Record<string, string> = {};
  for (const [key, email] of Object.entries({ amina: 'tenant@example.com', george: 'george@example.com', halima: 'halima@example.com', brian: 'tenant2@example.com' })) {
    callers[key] = await callerByEmail(db.db, email);
    leases[key] = await leaseIdOf(db.db, email);
  }
  return {
    db, sandbox, receiver, client, settings, callers, leases,
    pay: (who, amountKes, extra = {}) =>
      initiateStkPush(db.db, { caller: callers[who]!, leaseId: leases[who]!, phoneNumber: callers[who]!.phone!, amountCents: amountKes * 100, client, callbackUrl: receiver.url, settings, ...extra }),
    async stop() {
      await receiver.settle();
      await Promise.all([receiver.close(), sandbox.stop(), db.drop()]);
    },
  };
}
