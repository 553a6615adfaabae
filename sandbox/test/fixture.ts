import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startCallbackListener, type CallbackListener } from '../../tests/support/callback-listener';
import { startSandbox, type SandboxConfig, type SandboxHandle } from '../../tests/support/sandbox-process';
import { getToken } from './daraja-client';

/** One sandbox process and one callback listener per test file; each test starts from a reset world and a fresh token. */
export interface SandboxTestContext {
  sb: SandboxHandle;
  cb: CallbackListener;
  token: string;
  /** A SecurityCredential for the demo initiator. */
  credential: string;
}

export function sandboxForFile(options: { env?: Record<string, string>; config?: Partial<SandboxConfig> } = {}): SandboxTestContext {
  const t = {} as SandboxTestContext;
  beforeAll(async () => {
    [t.sb, t.cb] = await Promise.all([startSandbox({ env: options.env }), startCallbackListener()]);
    t.credential = await t.sb.control.securityCredential();
  });
  afterAll(async () => {
    await Promise.all([t.sb?.stop(), t.cb?.close()]);
  });
  beforeEach(async () => {
    await t.sb.control.reset();
    await t.sb.control.setConfig({ sameAmountWindowSeconds: 0, ...options.config });
    t.cb.received.length = 0;
    t.cb.respondWith(200, { ResultCode: 0, ResultDesc: 'Accepted' });
    t.token = await getToken(t.sb.url);
  });
  return t;
}
