import { z } from 'zod';

/** Treats an empty variable like an unset one, as shells and .env files often produce them. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema);

export const envSchema = z.object({
  DARAJA_SANDBOX_PORT: optional(z.coerce.number().int().min(0).max(65535).default(4010)),
  SANDBOX_HOST: optional(z.string().min(1).default('127.0.0.1')),
  SANDBOX_DATA_DIR: optional(z.string().min(1).default('.data/sandbox')),
  SANDBOX_TOKEN_TTL_SECONDS: optional(z.coerce.number().int().positive().default(3599)),
  SANDBOX_AUTO_APPROVE_DELAY_MS: optional(z.coerce.number().int().min(0).default(3000)),
  SANDBOX_PROMPT_TIMEOUT_MS: optional(z.coerce.number().int().min(0).default(60_000)),
  SANDBOX_STK_QUERY_PENDING_MODE: optional(z.enum(['4999', 'legacy-500']).default('4999')),
  SANDBOX_RESULT_DELAY_MS: optional(z.coerce.number().int().min(0).default(1500)),
  SANDBOX_STK_TWIN_CONFIRMATION: optional(z.enum(['on', 'off']).default('on')),
  SANDBOX_STK_TWIN_ORDER: optional(z.enum(['stk-first', 'c2b-first', 'concurrent']).default('stk-first')),
  SANDBOX_STK_TWIN_DELAY_MS: optional(z.coerce.number().int().min(0).default(50)),
  /** When set, every `/__sandbox` call must carry it in `x-sandbox-control-token`. */
  SANDBOX_CONTROL_TOKEN: optional(z.string().min(8).optional()),
  /** The sandbox refuses to listen beyond loopback unless this is `1` (its control API moves money). */
  SANDBOX_ALLOW_NON_LOOPBACK: optional(z.enum(['0', '1']).default('0')),
});

export type SandboxEnv = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): SandboxEnv {
  return envSchema.parse(source);
}
