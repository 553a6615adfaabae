import type { AddressInfo } from 'node:net';
import { configFromEnv } from './config';
import { createSandbox } from './context';
import { isLoopbackHost } from './control-guard';
import { loadOrCreateKeyMaterial } from './credentials';
import { parseEnv } from './env';
import { createSandboxServer } from './server';

/** `npm run sandbox`: the local Daraja. Zero configuration; every knob has a demo default. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const allowNonLoopback = env.SANDBOX_ALLOW_NON_LOOPBACK === '1';
  if (!allowNonLoopback && !isLoopbackHost(env.SANDBOX_HOST)) {
    // Its control API moves money and reads PINs: nobody else on the network may reach it by accident.
    throw new Error(`SANDBOX_HOST=${env.SANDBOX_HOST} is not a loopback address; set SANDBOX_ALLOW_NON_LOOPBACK=1 to listen there anyway`);
  }
  const keys = await loadOrCreateKeyMaterial(env.SANDBOX_DATA_DIR);
  const sandbox = createSandbox(configFromEnv(env), keys, { controlToken: env.SANDBOX_CONTROL_TOKEN, allowNonLoopback });
  const server = createSandboxServer(sandbox);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.DARAJA_SANDBOX_PORT, env.SANDBOX_HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  // Tests parse the port from this exact line; print nothing else on stdout.
  process.stdout.write(`Daraja sandbox listening on http://${env.SANDBOX_HOST}:${port}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sandbox.scheduler.clear();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error('Daraja sandbox failed to start:', err);
  process.exit(1);
});
