/** Where the Playwright run's app, sandbox and database live (started by playwright.config.ts). */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const E2E_APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/haven_e2e';
export const E2E_CALLBACK_SECRET = 'e2e-callback-secret';
/** Where the e2e app's local mailbox (started beside it on free ports) writes its inbox URL. */
export const E2E_MAILBOX_FILE = `.data/e2e/mailbox-${E2E_APP_PORT}.json`;

/** The environment the e2e app runs with: fast sweeps and early STK queries so tests do not wait minutes. */
export const e2eAppEnv: Record<string, string> = {
  NODE_ENV: 'production',
  DATABASE_URL: E2E_DATABASE_URL,
  APP_URL: E2E_APP_URL,
  AUTH_SECRET: 'e2e-auth-secret-only-for-tests',
  DARAJA_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
  MPESA_CALLBACK_SECRET: E2E_CALLBACK_SECRET,
  // The sandbox and the tests deliver callbacks from 127.0.0.1; tests/api prove other addresses are refused,
  // whatever X-Forwarded-For claims.
  MPESA_CALLBACK_ALLOWED_IPS: '127.0.0.1,::1',
  MPESA_STK_QUERY_AFTER_SECONDS: '6',
  // Short enough that a test can make Daraja answer too late (sandbox fault slow-ack) without waiting long.
  MPESA_HTTP_TIMEOUT_MS: '4000',
  MPESA_STK_REVIEW_AFTER_SECONDS: '120',
  MPESA_RESULT_QUERY_AFTER_SECONDS: '6',
  HAVEN_SWEEP_INTERVAL_SECONDS: '2',
  // Reminders depend on today's date against the seeded due days; phones in tests must show only what they cause.
  HAVEN_RENT_REMINDERS: 'off',
  HAVEN_OUTBOX_INTERVAL_SECONDS: '1',
};

export const e2eSandboxEnv: Record<string, string> = {
  DARAJA_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
  SANDBOX_DATA_DIR: '.data/e2e/sandbox',
  SANDBOX_AUTO_APPROVE_DELAY_MS: '1500',
  SANDBOX_PROMPT_TIMEOUT_MS: '10000',
  SANDBOX_RESULT_DELAY_MS: '500',
};
