import type { DarajaClientConfig } from '@/lib/mpesa/client';
import { SANDBOX_DEMO, type SandboxHandle } from './sandbox-process';

/** A Daraja client configuration for the demo organisation of a sandbox started by a test, quick retries. */
export function sandboxClientConfig(sandbox: Pick<SandboxHandle, 'url'>, overrides: Partial<DarajaClientConfig> = {}): DarajaClientConfig {
  return {
    environment: 'local',
    baseUrl: sandbox.url,
    consumerKey: SANDBOX_DEMO.consumerKey,
    consumerSecret: SANDBOX_DEMO.consumerSecret,
    shortcode: SANDBOX_DEMO.shortcode,
    b2cShortcode: SANDBOX_DEMO.b2cShortcode,
    passkey: SANDBOX_DEMO.passkey,
    initiatorName: SANDBOX_DEMO.initiatorName,
    initiatorPassword: SANDBOX_DEMO.initiatorPassword,
    certificatePath: `${sandbox.url}/__sandbox/certificate.cer`,
    httpTimeoutMs: 5_000,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
    ...overrides,
  };
}
