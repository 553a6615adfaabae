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
  /** SPEC §9.6: a completed STK push to a shortcode with C2B URLs also posts a C2B confirmation (its "twin"). */
  stkTwinConfirmation: z.boolean(),
  /** Which of the two goes first; `concurrent` sends both at once (the delay is then ignored). */
  stkTwinOrder: z.enum(['stk-first', 'c2b-first', 'concurrent']),
  /** Pause between the first and the second of the two callbacks. */
  stkTwinDelayMs: z.number().int().min(0),
  /** SPEC §9.5: the register answer's keys, `"Response Status"` (spaced, as the docs' sample) or `ResponseStatus`. */
  pullRegisterKeys: z.enum(['spaced', 'unspaced']),
  /** `trxDate` as `…+03:00` (production 2025) or `…Z` (the docs' sample). */
  pullDateZone: z.enum(['+03:00', 'Z']),
  pullPageSize: z.number().int().positive(),
  /** SPEC §9.5 leaves `OffSetValue` unresolved: a page number (0, 1, 2…) or a row offset. */
  pullOffsetMode: z.enum(['page', 'row']),
  /** One production integrator saw `TotalPages`; off by default. */
  pullTotalPages: z.boolean(),
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
    stkTwinConfirmation: env.SANDBOX_STK_TWIN_CONFIRMATION === 'on',
    stkTwinOrder: env.SANDBOX_STK_TWIN_ORDER,
    stkTwinDelayMs: env.SANDBOX_STK_TWIN_DELAY_MS,
    pullRegisterKeys: 'spaced',
    pullDateZone: '+03:00',
    pullPageSize: 100,
    pullOffsetMode: 'page',
    pullTotalPages: false,
  };
}
