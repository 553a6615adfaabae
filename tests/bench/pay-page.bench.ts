import { chromium, type Browser, type Page } from '@playwright/test';
import { createFigureSheet, percentile } from './support/figures';
import { startHavenForBench, freePort, type HavenForBench } from './support/haven-app';
import { buildHelloWorld, startHelloWorld } from './support/hello-world-app';
import { auditPage, launchChromium, medianAudit, type PageAudit } from './support/lighthouse-run';

/**
 * The pay page on a phone's CPU (issue #16): sign-in and /tenant/pay against a hello-world Next app built with
 * the same versions and measured in the same run —
 * - JS bytes of script responses (compressed as sent, and uncompressed), Lighthouse mobile performance, Total
 *   Blocking Time and accessibility, each the median of BENCH_LIGHTHOUSE_RUNS runs (default 3);
 * - callback → tenant screen: BENCH_PROMPTS prompts (default 10) paid on the pay page by the sandbox's
 *   auto-approving subscriber, from the callback's row in the inbox (its stored time) to the success state on
 *   the page (stamped in the page by a MutationObserver, same machine clock).
 * Nothing asserts on speed: the figures and their goals are printed and written as JSON.
 */

const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const PROMPTS = Number(process.env.BENCH_PROMPTS ?? 10);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/haven_bench_pay_page';
const TENANT = { email: 'tenant@example.com', password: 'haven-demo', phone: '254712345678' };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function signInCookie(browser: Browser, appUrl: string): Promise<{ page: Page; cookie: string }> {
  const context = await browser.newContext({ baseURL: appUrl });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(TENANT.email);
  await page.getByLabel('Password').fill(TENANT.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  const cookie = (await context.cookies(appUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  return { page, cookie };
}

async function auditMedian(port: number, url: string, cookie?: string): Promise<PageAudit> {
  const runs: PageAudit[] = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) runs.push(auditPage({ port, url, cookie }));
  const median = medianAudit(runs);
  console.log(`  ${url}: performance ${runs.map((r) => r.performance).join(' / ')}, TBT ${runs.map((r) => Math.round(r.tbtMs)).join(' / ')} ms`);
  for (const s of median.heaviestScripts) console.log(`    ${s.url.replace(/^https?:\/\/[^/]+/, '')}: scripting ${s.scriptingMs} ms, parse ${s.parseMs} ms`);
  if (median.accessibilityFailures.length) console.log(`    accessibility audits failed: ${median.accessibilityFailures.join(', ')}`);
  return median;
}

/** Pays PROMPTS times on the page; each sample is callback stored → success visible, in ms. */
async function callbackToScreen(haven: HavenForBench, page: Page): Promise<number[]> {
  await haven.sandbox.control.setSubscriber(TENANT.phone, { balance: 100_000_000, behaviour: 'auto-approve' });
  const [lease] = await haven.sql<{ id: string }[]>`select l.id from leases l join users u on u.id = l.tenant_id where u.email = ${TENANT.email} limit 1`;
  if (!lease) throw new Error('the seeded tenant has no lease');
  await page.addInitScript(() => {
    const w = window as unknown as { __successAt?: number };
    new MutationObserver(() => {
      if (w.__successAt === undefined && document.querySelector('[data-stage="success"]')) w.__successAt = Date.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const samples: number[] = [];
  for (let i = 0; i < PROMPTS; i += 1) {
    // The prompt throttle (5 per tenant in 10 minutes) guards real phones, not this loop.
    await haven.sql`delete from rate_limit_hits where key like 'stk:%'`;
    await page.goto('/tenant/pay');
    await page.getByLabel('Amount (KES)').fill(String(100 + i));
    await page.getByRole('button', { name: /with M-Pesa$/ }).click();
    await page.locator('[data-stage="success"]').waitFor({ timeout: 60_000 });
    const shownAt = await page.evaluate(() => (window as unknown as { __successAt?: number }).__successAt ?? Date.now());
    const [row] = await haven.sql<{ at: string }[]>`
      select (extract(epoch from i.received_at) * 1000)::text as at
      from mpesa_transactions t join callback_inbox i on i.kind = 'stk' and i.correlation_id = t.checkout_request_id
      where t.lease_id = ${lease.id} order by t.created_at desc limit 1`;
    if (!row) throw new Error('no stored callback for the push just paid');
    samples.push(shownAt - Number(row.at));
  }
  return samples;
}

async function main() {
  const sheet = createFigureSheet({ bench: 'pay-page' });
  const helloDir = buildHelloWorld();
  const hello = await startHelloWorld(helloDir, await freePort());
  const haven = await startHavenForBench({ databaseUrl: DATABASE_URL, sandboxEnv: { SANDBOX_AUTO_APPROVE_DELAY_MS: '300', SANDBOX_RESULT_DELAY_MS: '100', SANDBOX_PROMPT_TIMEOUT_MS: '10000' } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const chrome = await launchChromium();
  try {
    const { page, cookie } = await signInCookie(browser, haven.app.url);
    console.log(`Lighthouse mobile, median of ${LIGHTHOUSE_RUNS} runs each:`);
    const ref = await auditMedian(chrome.port, `${hello.url}/`);
    const signIn = await auditMedian(chrome.port, `${haven.app.url}/sign-in`);
    const pay = await auditMedian(chrome.port, `${haven.app.url}/tenant/pay`, cookie);

    for (const [label, audit, goals] of [
      ['sign-in', signIn, false],
      ['/tenant/pay', pay, true],
    ] as const) {
      const reference = (value: number) => ({ name: 'hello-world', value });
      sheet.add({ name: `${label} JS transferred`, value: audit.jsTransferBytes, unit: 'B', reference: reference(ref.jsTransferBytes), ...(goals ? { goal: '≤ 1.2× hello-world', check: (f) => (f.ratio ?? Infinity) <= 1.2 } : {}) });
      sheet.add({ name: `${label} JS uncompressed`, value: audit.jsResourceBytes, unit: 'B', reference: reference(ref.jsResourceBytes) });
      sheet.add({ name: `${label} Lighthouse performance`, value: audit.performance, unit: 'score', reference: reference(ref.performance) });
      sheet.add({
        name: `${label} Total Blocking Time`,
        value: Math.round(audit.tbtMs),
        unit: 'ms',
        reference: reference(Math.round(ref.tbtMs)),
        ...(goals ? { goal: '≤ 1.5× hello-world', check: (f) => f.value <= 1.5 * (f.reference?.value ?? 0) } : {}),
      });
      sheet.add({ name: `${label} Lighthouse accessibility`, value: audit.accessibility, unit: 'score', goal: '1.0', check: (f) => f.value === 1 });
    }

    const samples = await callbackToScreen(haven, page);
    sheet.add({ name: 'callback → tenant screen p50', value: Math.round(percentile(samples, 50)), unit: 'ms' });
    sheet.add({ name: 'callback → tenant screen p95', value: Math.round(percentile(samples, 95)), unit: 'ms' });
    sheet.write({ lighthouseRuns: LIGHTHOUSE_RUNS, prompts: PROMPTS, callbackToScreenMs: samples, heaviestScripts: { helloWorld: ref.heaviestScripts, signIn: signIn.heaviestScripts, pay: pay.heaviestScripts } });
  } finally {
    await chrome.kill();
    await browser.close();
    await haven.stop();
    hello.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
