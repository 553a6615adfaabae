import { config } from 'zod/v4/core';

/**
 * Runs in the browser before the app's code. zod compiles fast object parsers with `new Function` unless told not
 * to, and merely probing for that (a caught `new Function('')`) is reported as a violation of our CSP, which
 * forbids eval. Client-side parsing is small; the server keeps the compiled parsers.
 */
config({ jitless: true });
