import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import type { Result } from 'lighthouse';

/**
 * Lighthouse (mobile defaults: a mid-range phone, 4× CPU slowdown and slow 4G, simulated) driving Debian's
 * Chromium: nothing here downloads a browser.
 */

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface PageAudit {
  performance: number;
  accessibility: number;
  tbtMs: number;
  /** Sum over script responses. */
  jsTransferBytes: number;
  jsResourceBytes: number;
  /** The scripts that cost the main thread most (Lighthouse's bootup-time), for finding what to cut. */
  heaviestScripts: { url: string; scriptingMs: number; parseMs: number }[];
  /** Failed accessibility audits, by id. */
  accessibilityFailures: string[];
}

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
}
interface BootupItem {
  url: string;
  scripting?: number;
  scriptParseCompile?: number;
}

/**
 * One Lighthouse run in a Chromium of its own (chrome-launcher makes a fresh profile each time): a page may set cookies (a signed-in page refreshes the session),
 * and a shared browser would carry them into the next audit (sign-in would redirect a signed-in visitor).
 */
export async function auditPage({ url, cookie }: { url: string; cookie?: string }): Promise<PageAudit> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-lighthouse-'));
  const out = path.join(dir, 'lhr.json');
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  let lhr: Result;
  try {
    const run = spawnSync(process.execPath, [path.join(process.cwd(), 'tests/bench/support/lighthouse-audit.mjs'), String(chrome.port), url, out], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LIGHTHOUSE_COOKIE: cookie ?? '' },
    });
    if (run.status !== 0) throw new Error(`Lighthouse failed on ${url}`);
    lhr = JSON.parse(readFileSync(out, 'utf8')) as Result;
  } finally {
    chrome.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  if (lhr.finalDisplayedUrl.replace(/\/$/, '') !== url.replace(/\/$/, '')) throw new Error(`Lighthouse was sent to ${lhr.finalDisplayedUrl} instead of ${url}`);
  const network = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter((i) => i.resourceType === 'Script');
  const bootup = (lhr.audits['bootup-time']?.details as { items?: BootupItem[] } | undefined)?.items ?? [];
  const a11yRefs = lhr.categories.accessibility?.auditRefs ?? [];
  return {
    performance: lhr.categories.performance?.score ?? 0,
    accessibility: lhr.categories.accessibility?.score ?? 0,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? 0,
    jsTransferBytes: network.reduce((sum, i) => sum + (i.transferSize ?? 0), 0),
    jsResourceBytes: network.reduce((sum, i) => sum + (i.resourceSize ?? 0), 0),
    heaviestScripts: bootup.slice(0, 6).map((i) => ({ url: i.url, scriptingMs: Math.round(i.scripting ?? 0), parseMs: Math.round(i.scriptParseCompile ?? 0) })),
    accessibilityFailures: a11yRefs.filter((ref) => lhr.audits[ref.id]?.score === 0).map((ref) => ref.id),
  };
}

/** The median of each figure over several runs (Lighthouse varies from run to run on a busy machine). */
export function medianAudit(runs: PageAudit[]): PageAudit {
  const median = (pick: (a: PageAudit) => number) => {
    const s = runs.map(pick).sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)] ?? 0;
  };
  return {
    performance: median((a) => a.performance),
    accessibility: median((a) => a.accessibility),
    tbtMs: median((a) => a.tbtMs),
    jsTransferBytes: median((a) => a.jsTransferBytes),
    jsResourceBytes: median((a) => a.jsResourceBytes),
    heaviestScripts: runs[0]?.heaviestScripts ?? [],
    accessibilityFailures: [...new Set(runs.flatMap((a) => a.accessibilityFailures))],
  };
}
