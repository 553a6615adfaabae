import { defineConfig } from '@playwright/test';
import { E2E_APP_URL, E2E_SANDBOX_URL, e2eAppEnv, e2eSandboxEnv } from './tests/support/e2e-env';

// Playwright cannot download browsers here: it drives Debian's Chromium.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'api/**/*.spec.ts'],
  // One app, one sandbox and one database are shared by every test: run them one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: E2E_APP_URL,
    // API calls made from tests (page.request, request) act as the app's own pages would: same-origin. Without
    // it, Haven's CSRF check refuses them. A test of cross-origin requests uses a context without this header.
    extraHTTPHeaders: { origin: E2E_APP_URL },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node --import tsx sandbox/main.ts',
      url: `${E2E_SANDBOX_URL}/__sandbox/state`,
      env: e2eSandboxEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: 'node --conditions=react-server --import tsx tests/support/start-e2e-app.ts',
      url: `${E2E_APP_URL}/api/health`,
      env: e2eAppEnv,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
  ],
});
