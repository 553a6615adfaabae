import { z } from 'zod';
import type { SandboxEnv } from './env';

/** Runtime knobs; the env vars give the start values, `POST /__sandbox/config` changes them live. */
export const configSchema = z.object({
  tokenTtlSeconds: z.number().int().positive(),
  autoApproveDelayMs: z.number().int().min(0),
  promptTimeoutMs: z.number().int().min(0),
  stkQueryPendingMode: z.enum(['4999', 'legacy-500']),
  resultDelayMs: z.number().int().min(0),
  /** Rule 17: the same amount from the same phone within this window. 0 disables it. */
  sameAmountWindowSeconds: z.number().int().min(0),
  /** SPEC §2/§14: production answered an empty 400, SDK mocks the 400.008.01 envelope. */
  oauthBadCredentialsBody: z.enum(['empty', 'envelope']),
  /** SPEC §4: live answers 2019–2024 misspelt "successsfully"; a 2026 capture spells it right. */
  queryResponseDescriptionSpelling: z.enum(['successsfully', 'successfully']),
  maxInitiatorFailures: z.number().int().positive(),
  /** SPEC §9.2: the validation URL has about 8 s before ResponseType decides. */
  c2bValidationTimeoutMs: z.number().int().min(1),
  callbackTimeoutMs: z.number().int().min(1),
  /** What an unregistered but well-formed Safaricom number does with a prompt (SPEC §11.2). */
  unknownSubscriberResult: z.enum(['1037', 'E3008']),
});

export type SandboxConfig = z.infer<typeof configSchema>;
export const configPatchSchema = configSchema.partial().strict();
export type SandboxConfigPatch = z.infer<typeof configPatchSchema>;

export function configFromEnv(env: SandboxEnv): SandboxConfig {
  return {
    tokenTtlSeconds: env.SANDBOX_TOKEN_TTL_SECONDS,
    autoApproveDelayMs: env.SANDBOX_AUTO_APPROVE_DELAY_MS,
    promptTimeoutMs: env.SANDBOX_PROMPT_TIMEOUT_MS,
    stkQueryPendingMode: env.SANDBOX_STK_QUERY_PENDING_MODE,
    resultDelayMs: env.SANDBOX_RESULT_DELAY_MS,
    sameAmountWindowSeconds: 120,
    oauthBadCredentialsBody: 'envelope',
    queryResponseDescriptionSpelling: 'successsfully',
    maxInitiatorFailures: 3,
    c2bValidationTimeoutMs: 8000,
    callbackTimeoutMs: 10_000,
    unknownSubscriberResult: '1037',
  };
}
