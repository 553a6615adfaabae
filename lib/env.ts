import { z } from 'zod';
import { parseEncryptionKey } from './crypto/secret-box';
import { findForbiddenCallbackWords } from './mpesa/callback-url-words';

/**
 * Every environment variable Haven reads, parsed once with zod. Defaults are the documented local demo values
 * (see .env.example), so an empty environment runs against the local Daraja sandbox with an embedded database.
 * Pointing Haven at Safaricom is done by setting MPESA_ENVIRONMENT and the credentials, nothing else.
 */

// Public sandbox passkey for shortcode 174379, published by Safaricom on the Daraja portal.
export const DEMO_PASSKEY = 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919';
export const DEMO_CONSUMER_KEY = 'haven_local_consumer_key';
export const DEMO_CONSUMER_SECRET = 'haven_local_consumer_secret';
export const DEMO_INITIATOR_PASSWORD = 'Safaricom123!!';
// Local demo key for secrets at rest (documented in .env.example); refused outside MPESA_ENVIRONMENT=local.
export const DEMO_ENCRYPTION_KEY = '686176656e2d6c6f63616c2d64656d6f2d6b65792d6e6f742d73656372657421';
export const DEMO_AT_API_KEY = 'haven_local_at_api_key';
export const DEMO_AUTH_SECRET = 'haven-local-demo-auth-secret-not-for-production';
export const DEMO_CALLBACK_SECRET = 'local-demo-callback-secret';

/**
 * Secrets that protect Haven itself, with the public demo value each falls back to when unset. Anyone who has read
 * this file can forge sessions or callbacks with them, so outside MPESA_ENVIRONMENT=local Haven refuses to start
 * while any of these is unset or still its demo value. A new secret with a demo default is added here.
 */
export const DEMO_APP_SECRETS: Readonly<Record<string, string>> = {
  AUTH_SECRET: DEMO_AUTH_SECRET,
  MPESA_CALLBACK_SECRET: DEMO_CALLBACK_SECRET,
  HAVEN_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY,
};

/** The local sandbox's own app credentials: they open nothing at Safaricom, so outside local they are a mistake. */
const DEMO_DARAJA_CREDENTIALS: Readonly<Record<string, string>> = {
  MPESA_CONSUMER_KEY: DEMO_CONSUMER_KEY,
  MPESA_CONSUMER_SECRET: DEMO_CONSUMER_SECRET,
};

// A secret shorter than this is guessable offline (a session token or a callback URL is all an attacker needs).
const MIN_SECRET_LENGTH = 32;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = z.coerce.number().int().min(1).max(65535);

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_URL: z.preprocess(emptyToUndefined, z.url().default('http://localhost:3000')),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().startsWith('postgres').optional()),
  HAVEN_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
  AUTH_SECRET: optionalString,

  MPESA_ENVIRONMENT: z.preprocess(emptyToUndefined, z.enum(['local', 'sandbox', 'production']).default('local')),
  MPESA_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DARAJA_SANDBOX_PORT: z.preprocess(emptyToUndefined, port.default(4010)),
  MPESA_CONSUMER_KEY: z.preprocess(emptyToUndefined, z.string().default(DEMO_CONSUMER_KEY)),
  MPESA_CONSUMER_SECRET: z.preprocess(emptyToUndefined, z.string().default(DEMO_CONSUMER_SECRET)),
  MPESA_SHORTCODE: z.preprocess(emptyToUndefined, z.string().regex(/^\d{5,7}$/, 'must be a 5–7 digit shortcode').default('174379')),
  MPESA_B2C_SHORTCODE: z.preprocess(emptyToUndefined, z.string().regex(/^\d{5,7}$/, 'must be a 5–7 digit shortcode').optional()),
  MPESA_PASSKEY: z.preprocess(emptyToUndefined, z.string().default(DEMO_PASSKEY)),
  MPESA_CALLBACK_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  MPESA_CALLBACK_SECRET: optionalString,
  MPESA_CALLBACK_ALLOWED_IPS: optionalString,
  MPESA_INITIATOR_NAME: z.preprocess(emptyToUndefined, z.string().default('testapi')),
  MPESA_SECURITY_CREDENTIAL: optionalString,
  MPESA_INITIATOR_PASSWORD: optionalString,
  MPESA_CERTIFICATE_PATH: optionalString,
  MPESA_HTTP_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(15000)),

  MPESA_STK_QUERY_AFTER_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(30)),
  MPESA_STK_REVIEW_AFTER_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(600)),
  MPESA_RESULT_QUERY_AFTER_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(60)),
  // How long after sending a payout or reversal M-Pesa may still not know it (queued on its side) before Transaction
  // Status' "no such transaction" / "not reversed" is taken as final. Tests with the instant sandbox shorten it.
  // How long a push sent but never acknowledged (no CheckoutRequestID) waits for its receipt to be proven before it
  // is closed as TIMEOUT and handed to a person; a receipt proven later is still credited to it.
  MPESA_STK_UNSENT_AFTER_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(180)),
  MPESA_MONEY_OUT_GRACE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(300)),
  HAVEN_SWEEP_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(15)),
  // Callbacks stored in the inbox are applied by this many concurrent workers in the app process (0 = none: another
  // instance applies them); they poll every HAVEN_INBOX_POLL_MS besides being woken when a callback is stored.
  // Applying a callback mostly waits (database, Transaction Status), so 12 keep up where 4 fell behind (bench
  // callback-ingest: 20 payments/s offered, 4 workers applied 12–13/s; 12 applied all, max wait 2.4 s).
  HAVEN_INBOX_WORKERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(32).default(12)),
  HAVEN_INBOX_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).default(1000)),
  // Connections of the application's pool, and of the separate small pool that only stores callbacks (so that
  // applying them, or a busy page, can never make Daraja wait for an "Accepted").
  HAVEN_DB_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  HAVEN_INTAKE_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(3)),
  // How often the statement reconciler pulls M-Pesa's list of payments (Pull Transactions) for each paybill.
  HAVEN_RECONCILE_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(300)),
  // A paybill payment whose account number names no lease (unknown, or a wrong check character): `reject` answers
  // validation with C2B00012 so the money stays with the tenant; `accept` takes it and holds it as unmatched.
  HAVEN_PAYBILL_UNKNOWN_ACCOUNT: z.preprocess(emptyToUndefined, z.enum(['reject', 'accept']).default('reject')),
  // The Safaricom number on the paybill's KYC record, which Pull Transactions registration asks for.
  MPESA_PULL_NOMINATED_NUMBER: z.preprocess(emptyToUndefined, z.string().regex(/^254[17]\d{8}$/, 'must be 2547XXXXXXXX or 2541XXXXXXXX').optional()),
  // Fault injection for crash tests, honoured only against the local sandbox: the process kills itself (SIGKILL)
  // right after Daraja acknowledges an STK push, before the acknowledgement is stored.
  HAVEN_FAULT_KILL_AFTER_STK_ACK: z.preprocess(emptyToUndefined, z.enum(['0', '1']).default('0')),
  HAVEN_ENCRYPTION_KEY: optionalString,

  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, 'must be smtp://… or smtps://…').optional()),
  EMAIL_FROM_ADDRESS: z.preprocess(emptyToUndefined, z.email().default('no-reply@haven.local')),
  MAILBOX_SMTP_PORT: z.preprocess(emptyToUndefined, port.default(1025)),
  MAILBOX_HTTP_PORT: z.preprocess(emptyToUndefined, port.default(1080)),
  AT_ENVIRONMENT: z.preprocess(emptyToUndefined, z.enum(['local', 'sandbox', 'production']).default('local')),
  AT_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  AT_USERNAME: z.preprocess(emptyToUndefined, z.string().default('sandbox')),
  AT_API_KEY: z.preprocess(emptyToUndefined, z.string().default(DEMO_AT_API_KEY)),
  AT_SENDER_ID: optionalString,
  HAVEN_RENT_REMINDERS: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  HAVEN_OUTBOX_INTERVAL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(5)),
  HAVEN_MESSAGE_MAX_ATTEMPTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(20).default(5)),
  HAVEN_MESSAGE_RETRY_BASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(30)),

  // How many reverse proxies in front of Haven append to X-Forwarded-For (0: the app faces clients directly).
  TRUSTED_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
  SESSION_IDLE_MINUTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 60).default(30)),
  SESSION_MAX_HOURS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(24 * 30).default(12)),
});

type RawEnv = z.infer<typeof rawSchema>;

/** The names of secrets whose effective value (unset = the demo fallback) is a public demo value. */
function findDemoValues(raw: RawEnv, demos: Readonly<Record<string, string>>): string[] {
  const values = raw as Record<string, unknown>;
  return Object.entries(demos)
    .filter(([name, demo]) => (values[name] ?? demo) === demo)
    .map(([name]) => name);
}

/**
 * Refuses to start outside MPESA_ENVIRONMENT=local with any demo secret, a short secret, or (in production) the
 * public sandbox values; returns the demo secrets still in use locally, for the start-up warning.
 */
function checkSecrets(raw: RawEnv): string[] {
  const demoApp = findDemoValues(raw, DEMO_APP_SECRETS);
  if (raw.MPESA_ENVIRONMENT === 'local') return demoApp;

  const problems = [...demoApp, ...findDemoValues(raw, DEMO_DARAJA_CREDENTIALS)].map((name) => `${name} is unset or its public demo value`);
  for (const name of Object.keys(DEMO_APP_SECRETS)) {
    const value = (raw as Record<string, unknown>)[name];
    if (typeof value === 'string' && value !== DEMO_APP_SECRETS[name] && value.length < MIN_SECRET_LENGTH) {
      problems.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
    }
  }
  if (raw.MPESA_ENVIRONMENT === 'production') {
    if (!raw.MPESA_CALLBACK_URL) problems.push('MPESA_CALLBACK_URL is required');
    for (const [name, value] of [['MPESA_CALLBACK_URL', raw.MPESA_CALLBACK_URL], ['MPESA_CALLBACK_SECRET', raw.MPESA_CALLBACK_SECRET]] as const) {
      const words = value ? findForbiddenCallbackWords(value) : [];
      if (words.length > 0) problems.push(`${name} contains ${words.map((w) => `"${w}"`).join(', ')}, which Safaricom refuses in callback URLs (use https://<host>/api/v1/hooks and a hex secret)`);
    }
    if (raw.MPESA_PASSKEY === DEMO_PASSKEY) problems.push("MPESA_PASSKEY is Safaricom's public sandbox passkey");
    if (raw.MPESA_INITIATOR_PASSWORD === DEMO_INITIATOR_PASSWORD) problems.push("MPESA_INITIATOR_PASSWORD is Safaricom's public sandbox password");
    if (!raw.SMTP_URL) problems.push('SMTP_URL is required (email receipts, invitations and password resets)');
  }
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start with MPESA_ENVIRONMENT=${raw.MPESA_ENVIRONMENT}:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
        'Generate secrets with `openssl rand -hex 32` (see .env.example).',
    );
  }
  return [];
}

export type Env = ReturnType<typeof buildEnv>;

function buildEnv(source: Record<string, string | undefined>) {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const isLocal = raw.MPESA_ENVIRONMENT === 'local';
  const demoSecretsInUse = checkSecrets(raw);

  const encryptionKeyText = raw.HAVEN_ENCRYPTION_KEY ?? (isLocal ? DEMO_ENCRYPTION_KEY : undefined);
  if (!encryptionKeyText) throw new Error(`MPESA_ENVIRONMENT=${raw.MPESA_ENVIRONMENT} needs HAVEN_ENCRYPTION_KEY (32 random bytes, hex or base64)`);
  const encryptionKey = parseEncryptionKey(encryptionKeyText);
  // The demo key is public: agency credentials sealed with it would be readable by anyone with the repository.
  if (!isLocal && encryptionKey.equals(parseEncryptionKey(DEMO_ENCRYPTION_KEY))) {
    throw new Error(`MPESA_ENVIRONMENT=${raw.MPESA_ENVIRONMENT} refuses the demo HAVEN_ENCRYPTION_KEY: generate one with \`openssl rand -hex 32\``);
  }

  const sandboxUrl = `http://127.0.0.1:${raw.DARAJA_SANDBOX_PORT}`;
  const darajaBaseUrl =
    raw.MPESA_BASE_URL ??
    (isLocal ? sandboxUrl : raw.MPESA_ENVIRONMENT === 'sandbox' ? 'https://sandbox.safaricom.co.ke' : 'https://api.safaricom.co.ke');

  return {
    nodeEnv: raw.NODE_ENV,
    appUrl: raw.APP_URL.replace(/\/$/, ''),
    databaseUrl: raw.DATABASE_URL,
    dataDir: raw.HAVEN_DATA_DIR,
    authSecret: raw.AUTH_SECRET ?? DEMO_AUTH_SECRET,
    /** Demo secrets still in use (only ever non-empty with MPESA_ENVIRONMENT=local); warned about at start-up. */
    demoSecretsInUse,
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    session: { idleSeconds: raw.SESSION_IDLE_MINUTES * 60, maxAgeSeconds: raw.SESSION_MAX_HOURS * 3600 },
    mpesa: {
      environment: raw.MPESA_ENVIRONMENT,
      baseUrl: darajaBaseUrl.replace(/\/$/, ''),
      consumerKey: raw.MPESA_CONSUMER_KEY,
      consumerSecret: raw.MPESA_CONSUMER_SECRET,
      shortcode: raw.MPESA_SHORTCODE,
      b2cShortcode: raw.MPESA_B2C_SHORTCODE ?? raw.MPESA_SHORTCODE,
      passkey: raw.MPESA_PASSKEY,
      // /api/v1/hooks, not /api/v1/mpesa: Safaricom refuses callback URLs containing "mpesa" (lib/mpesa/callback-url-words.ts).
      callbackBaseUrl: (raw.MPESA_CALLBACK_URL ?? `${raw.APP_URL.replace(/\/$/, '')}/api/v1/hooks`).replace(/\/$/, ''),
      callbackSecret: raw.MPESA_CALLBACK_SECRET ?? DEMO_CALLBACK_SECRET,
      callbackAllowedIps: raw.MPESA_CALLBACK_ALLOWED_IPS?.split(',').map((s) => s.trim()).filter(Boolean) ?? null,
      initiatorName: raw.MPESA_INITIATOR_NAME,
      securityCredential: raw.MPESA_SECURITY_CREDENTIAL,
      initiatorPassword: raw.MPESA_INITIATOR_PASSWORD ?? (isLocal ? DEMO_INITIATOR_PASSWORD : undefined),
      // The local sandbox serves its own encryption certificate; Safaricom's is downloaded from the portal.
      certificatePath: raw.MPESA_CERTIFICATE_PATH ?? (isLocal ? `${sandboxUrl}/__sandbox/certificate.cer` : undefined),
      httpTimeoutMs: raw.MPESA_HTTP_TIMEOUT_MS,
      stkQueryAfterSeconds: raw.MPESA_STK_QUERY_AFTER_SECONDS,
      stkReviewAfterSeconds: raw.MPESA_STK_REVIEW_AFTER_SECONDS,
      resultQueryAfterSeconds: raw.MPESA_RESULT_QUERY_AFTER_SECONDS,
      moneyOutGraceSeconds: raw.MPESA_MONEY_OUT_GRACE_SECONDS,
      stkUnsentAfterSeconds: raw.MPESA_STK_UNSENT_AFTER_SECONDS,
      // The local sandbox's demo paybill is nominated to its admin's demo number.
      pullNominatedNumber: raw.MPESA_PULL_NOMINATED_NUMBER ?? (isLocal ? '254700555666' : undefined),
    },
    reconcileIntervalSeconds: raw.HAVEN_RECONCILE_INTERVAL_SECONDS,
    paybillUnknownAccount: raw.HAVEN_PAYBILL_UNKNOWN_ACCOUNT,
    sweepIntervalSeconds: raw.HAVEN_SWEEP_INTERVAL_SECONDS,
    inboxWorkers: raw.HAVEN_INBOX_WORKERS,
    inboxPollMs: raw.HAVEN_INBOX_POLL_MS,
    dbPoolMax: raw.HAVEN_DB_POOL_MAX,
    intakePoolMax: raw.HAVEN_INTAKE_POOL_MAX,
    faultKillAfterStkAck: isLocal && raw.HAVEN_FAULT_KILL_AFTER_STK_ACK === '1',
    encryptionKey,
    messaging: {
      // Locally the mailbox `npm run dev` starts; it prints its web inbox at MAILBOX_HTTP_PORT.
      smtpUrl: raw.SMTP_URL ?? `smtp://127.0.0.1:${raw.MAILBOX_SMTP_PORT}`,
      localMailboxUrl: raw.SMTP_URL ? null : `http://localhost:${raw.MAILBOX_HTTP_PORT}`,
      emailFromAddress: raw.EMAIL_FROM_ADDRESS,
      // The local Daraja sandbox also answers Africa's Talking's SMS API.
      atBaseUrl: (raw.AT_BASE_URL ??
        (raw.AT_ENVIRONMENT === 'local' ? sandboxUrl : raw.AT_ENVIRONMENT === 'sandbox' ? 'https://api.sandbox.africastalking.com' : 'https://api.africastalking.com')).replace(/\/$/, ''),
      atUsername: raw.AT_USERNAME,
      atApiKey: raw.AT_API_KEY,
      atSenderId: raw.AT_SENDER_ID ?? null,
      rentReminders: raw.HAVEN_RENT_REMINDERS === 'on',
      outboxIntervalSeconds: raw.HAVEN_OUTBOX_INTERVAL_SECONDS,
      maxAttempts: raw.HAVEN_MESSAGE_MAX_ATTEMPTS,
      retryBaseSeconds: raw.HAVEN_MESSAGE_RETRY_BASE_SECONDS,
    },
  };
}

let cached: Env | undefined;

/** The parsed environment of this process (parsed on first use, then cached). */
export function getEnv(): Env {
  cached ??= buildEnv(process.env);
  return cached;
}

/** Parses an explicit environment, for tests and scripts that configure Haven without touching process.env. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return buildEnv(source);
}
