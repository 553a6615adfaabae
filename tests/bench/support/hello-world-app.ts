import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The reference app of the pay-page bench: `tests/bench/hello-world/` (one page), built with the `next` and
 * `react` in our own node_modules, so the same framework cost is measured in the same run as Haven's pages.
 * It is built in a temporary folder whose node_modules is a link to ours (no install, no download; Turbopack's
 * root is widened to reach it), outside the repository so that Next does not pick up Haven's own proxy.ts and
 * instrumentation.ts, and reused while its sources and the framework versions are unchanged.
 */

const repoRoot = process.cwd();
const sourceDir = path.join(repoRoot, 'tests/bench/hello-world');
const nextBin = path.join(repoRoot, 'node_modules/next/dist/bin/next');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Changes with the app's sources and the framework versions, so a stale build is never reused. */
function buildKey(): string {
  const hash = createHash('sha256');
  for (const file of listFiles(sourceDir).sort()) hash.update(path.relative(sourceDir, file)).update(readFileSync(file));
  for (const pkg of ['next', 'react', 'react-dom']) hash.update(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json')));
  return hash.digest('hex').slice(0, 12);
}

/** Builds the hello-world app (or reuses its build); returns the folder to start it from. */
export function buildHelloWorld(): string {
  const dir = path.join(tmpdir(), `haven-bench-hello-world-${buildKey()}`);
  if (existsSync(path.join(dir, '.next/BUILD_ID'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  cpSync(sourceDir, dir, { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  console.log(`Building the hello-world reference app in ${dir} …`);
  const r = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HELLO_WORLD_TURBOPACK_ROOT: '/' },
  });
  if (r.status !== 0) throw new Error('the hello-world app did not build');
  return dir;
}

export interface RunningApp {
  url: string;
  stop(): void;
}

/** `next start` on the built hello-world app, as a production server. */
export async function startHelloWorld(dir: string, port: number): Promise<RunningApp> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HELLO_WORLD_TURBOPACK_ROOT: '/' },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the hello-world app exited while starting');
    if (await fetch(url).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the hello-world app did not start within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}
