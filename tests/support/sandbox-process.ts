import { spawn } from 'node:child_process';
import { constants, publicEncrypt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxConfig } from '../../sandbox/config';
import type { CallbackAttempt } from '../../sandbox/callbacks';
import type { Fault, faultInputSchema } from '../../sandbox/faults';
import type { Scenario, scenarioInputSchema } from '../../sandbox/scenarios';
import type { ledgerView } from '../../sandbox/ledger';
import { SECOND_AGENCY } from '../../sandbox/world/seed';
import type { organisationView, stateView, stkView, subscriberView } from '../../sandbox/views';
import type { z } from 'zod';

/** Starts the real Daraja sandbox as a child process and drives its `/__sandbox` control API. */

// Tests always run from the repository root (Vitest and Playwright alike); import.meta would make Playwright's
// loader treat this file as ESM.
const repoRoot = process.cwd();

export const SANDBOX_DEMO = {
  consumerKey: 'haven_local_consumer_key',
  consumerSecret: 'haven_local_consumer_secret',
  shortcode: '174379',
  passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
  b2cShortcode: '600996',
  initiatorName: 'testapi',
  initiatorPassword: 'Safaricom123!!',
  testMsisdn: '254708374149',
  /** The second demo organisation (multi-agency work). */
  second: SECOND_AGENCY,
} as const;

/** The header that carries `SANDBOX_CONTROL_TOKEN` when the sandbox was started with one. */
export const CONTROL_TOKEN_HEADER = 'x-sandbox-control-token';

export type SandboxState = ReturnType<typeof stateView>;
export type SandboxSubscriber = ReturnType<typeof subscriberView>;
export type SandboxOrganisation = ReturnType<typeof organisationView>;
export type SandboxStkRequest = ReturnType<typeof stkView>;
export type SandboxLedger = ReturnType<typeof ledgerView>;
export type SandboxScenarioInput = z.input<typeof scenarioInputSchema>;
export type SandboxFaultInput = z.input<typeof faultInputSchema>;
export type { CallbackAttempt, SandboxConfig, Scenario, Fault };

export interface SubscriberPatch {
  name?: string;
  pin?: string;
  /** KES */
  balance?: number;
  behaviour?: 'auto-approve' | 'manual' | 'no-answer';
}

export interface PromptAnswerResult {
  checkoutRequestId: string;
  resultCode: string;
  resultDesc: string | null;
  receipt: string | null;
}

export interface SandboxControl {
  reset(): Promise<void>;
  state(): Promise<SandboxState>;
  config(): Promise<SandboxConfig>;
  setConfig(partial: Partial<SandboxConfig>): Promise<SandboxConfig>;
  addScenario(scenario: SandboxScenarioInput): Promise<Scenario>;
  clearScenarios(): Promise<void>;
  addFault(fault: SandboxFaultInput): Promise<Fault>;
  clearFaults(): Promise<void>;
  /** Every callback delivery attempt, oldest first. */
  callbacks(): Promise<CallbackAttempt[]>;
  clearCallbacks(): Promise<void>;
  subscriber(msisdn: string): Promise<SandboxSubscriber>;
  setSubscriber(msisdn: string, partial: SubscriberPatch): Promise<SandboxSubscriber>;
  /** Resolves once the phone shows a prompt (polling), for tests and Playwright. */
  waitForPrompt(msisdn: string, timeoutMs?: number): Promise<NonNullable<SandboxSubscriber['prompt']>>;
  answerPrompt(msisdn: string, answer: { pin: string } | { cancel: true }): Promise<PromptAnswerResult>;
  organisation(shortcode: string): Promise<SandboxOrganisation>;
  stk(checkoutRequestId: string): Promise<SandboxStkRequest>;
  expireTokens(): Promise<void>;
  setInitiator(name: string, patch: { locked?: boolean; password?: string }): Promise<void>;
  certificate(): Promise<string>;
  /** A SecurityCredential made with the sandbox certificate, as SPEC §10 describes. */
  securityCredential(password?: string): Promise<string>;
  /** What M-Pesa moved for a shortcode (default the demo paybill), optionally only since a moment. */
  ledger(options?: { shortcode?: string; since?: Date }): Promise<SandboxLedger>;
  addOrganisation(org: { shortcode: string; name: string; passkey?: string; accounts?: { working?: number; utility?: number; charges?: number } }): Promise<SandboxOrganisation>;
  addConsumerApp(app: { key: string; secret: string }): Promise<void>;
  addInitiator(initiator: { name: string; password: string; shortcodes: string[] }): Promise<void>;
}

export interface SandboxHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
  control: SandboxControl;
}

/** `token` defaults to `SANDBOX_CONTROL_TOKEN` from the environment, as the sandbox itself reads it. */
export function sandboxControl(baseUrl: string, token: string | undefined = process.env.SANDBOX_CONTROL_TOKEN || undefined): SandboxControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    // The sandbox refuses state-changing control calls that are not JSON (even empty ones, like reset).
    const headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
    if (token) headers[CONTROL_TOKEN_HEADER] = token;
    const res = await fetch(`${baseUrl}/__sandbox${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox control ${method} ${path} → ${res.status}: ${text}`);
    return (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T;
  };
  let certificate: string | undefined;
  const control: SandboxControl = {
    reset: () => call('POST', '/reset'),
    state: () => call('GET', '/state'),
    config: () => call('GET', '/config'),
    setConfig: (partial) => call('POST', '/config', partial),
    addScenario: (scenario) => call('POST', '/scenarios', scenario),
    clearScenarios: () => call('DELETE', '/scenarios'),
    addFault: (fault) => call('POST', '/faults', fault),
    clearFaults: () => call('DELETE', '/faults'),
    callbacks: () => call('GET', '/callbacks'),
    clearCallbacks: () => call('DELETE', '/callbacks'),
    subscriber: (msisdn) => call('GET', `/subscribers/${msisdn}`),
    setSubscriber: (msisdn, partial) => call('POST', `/subscribers/${msisdn}`, partial),
    async waitForPrompt(msisdn, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = await control.subscriber(msisdn);
        if (s.prompt) return s.prompt;
        if (Date.now() > deadline) throw new Error(`no prompt on ${msisdn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    answerPrompt: (msisdn, answer) => call('POST', `/subscribers/${msisdn}/prompt`, answer),
    organisation: (shortcode) => call('GET', `/organisations/${shortcode}`),
    stk: (id) => call('GET', `/stk/${id}`),
    expireTokens: () => call('POST', '/tokens/expire'),
    setInitiator: (name, patch) => call('POST', `/initiators/${name}`, patch),
    async certificate() {
      certificate ??= await call<string>('GET', '/certificate.cer');
      return certificate;
    },
    async securityCredential(password = SANDBOX_DEMO.initiatorPassword) {
      const pem = await control.certificate();
      return publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(password, 'utf8')).toString('base64');
    },
    ledger(options = {}) {
      const q = new URLSearchParams({ shortcode: options.shortcode ?? SANDBOX_DEMO.shortcode, ...(options.since ? { since: options.since.toISOString() } : {}) });
      return call('GET', `/ledger?${q.toString()}`);
    },
    addOrganisation: (org) => call('POST', '/organisations', org),
    addConsumerApp: (app) => call('POST', '/consumer-apps', app),
    addInitiator: (initiator) => call('POST', '/initiators', initiator),
  };
  return control;
}

/** Test-friendly defaults: quick approvals and results, a short prompt timeout. Override via `env`. */
const TEST_ENV: Record<string, string> = {
  SANDBOX_AUTO_APPROVE_DELAY_MS: '100',
  SANDBOX_PROMPT_TIMEOUT_MS: '2000',
  SANDBOX_RESULT_DELAY_MS: '50',
};

export async function startSandbox(options: { env?: Record<string, string> } = {}): Promise<SandboxHandle> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_ENV,
    DARAJA_SANDBOX_PORT: '0',
    SANDBOX_HOST: '127.0.0.1',
    SANDBOX_DATA_DIR: mkdtempSync(join(tmpdir(), 'haven-sandbox-')),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start within 30 s\n${stderr}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const m = /Daraja sandbox listening on (http:\/\/\S+)/.exec(stdout);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code} before listening\n${stderr}`));
    });
  });

  return {
    url,
    port: Number(new URL(url).port),
    control: sandboxControl(url, env.SANDBOX_CONTROL_TOKEN || undefined),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
