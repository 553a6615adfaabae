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
});

export type SandboxEnv = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv): SandboxEnv {
  return envSchema.parse(source);
}
