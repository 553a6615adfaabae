import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: runs every `*.bench.ts` here in its own Node process with the `react-server` condition (the
 * services import `server-only`, as in the app). Each prints its own figures; nothing asserts on speed.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', `${dir}${file}`], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
