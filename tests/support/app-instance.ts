import { spawn, type ChildProcess } from 'node:child_process';
import { secondAgency } from '../../db/seed-data';
import { E2E_SANDBOX_URL, E2E_CALLBACK_SECRET, e2eAppEnv } from './e2e-env';

/**
 * A second instance of the built app on its own port, sharing the Playwright run's database and sandbox: for tests
 * that kill the app (kill -9) and start it again, without touching the instance the other tests use.
 */

export interface AppInstance {
  url: string;
  /** Resolves when the process is gone (killed by a test or by itself). */
  exited: Promise<number | null>;
  /** What the process has printed so far (stdout and stderr). */
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

export async function startAppInstance({ port, env = {} }: { port: number; env?: Record<string, string> }): Promise<AppInstance> {
  const url = `http://127.0.0.1:${port}`;
  // server.mjs, as `npm start` runs it: without it the app cannot tell callers' addresses (callback allow-list).
  const child: ChildProcess = spawn(process.execPath, ['server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...e2eAppEnv, APP_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app instance on ${port} exited while starting:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app instance on ${port} did not start within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, exited, output: () => output, kill: (signal = 'SIGTERM') => child.kill(signal) };
}

/** Each seeded paybill and the Daraja app that may register its URLs in the local sandbox. */
const PAYBILLS = [
  { shortcode: '174379', consumerKey: 'haven_local_consumer_key', consumerSecret: 'haven_local_consumer_secret' },
  { shortcode: secondAgency.paybillShortcode, consumerKey: secondAgency.credentials.consumerKey, consumerSecret: secondAgency.credentials.consumerSecret },
];

/**
 * Points the sandbox's paybill (C2B) URLs of every seeded agency back at the main test app. Every instance
 * registers its own URLs for every agency when it starts (local mode), so a test that started another instance
 * restores the main one's before it ends — or the other agency's paybill payments go to a dead instance.
 */
export async function registerPaybillUrls(appUrl: string): Promise<void> {
  const base = `${appUrl}/api/v1/mpesa`;
  for (const paybill of PAYBILLS) {
    const basic = Buffer.from(`${paybill.consumerKey}:${paybill.consumerSecret}`).toString('base64');
    const token = (await (await fetch(`${E2E_SANDBOX_URL}/oauth/v1/generate?grant_type=client_credentials`, { headers: { authorization: `Basic ${basic}` } })).json()) as { access_token: string };
    const res = await fetch(`${E2E_SANDBOX_URL}/mpesa/c2b/v1/registerurl`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ShortCode: paybill.shortcode,
        ResponseType: 'Completed',
        ConfirmationURL: `${base}/c2b/confirmation/${E2E_CALLBACK_SECRET}`,
        ValidationURL: `${base}/c2b/validation/${E2E_CALLBACK_SECRET}`,
      }),
    });
    if (!res.ok) throw new Error(`could not register the paybill URLs of ${paybill.shortcode}: ${res.status} ${await res.text()}`);
  }
}
