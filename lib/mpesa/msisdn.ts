import { normalizeKenyanPhone } from '../phone';
import { validationError, type DarajaApi } from './errors';

/**
 * Daraja wants `2547XXXXXXXX` / `2541XXXXXXXX` with no `+` (SPEC §12). lib/phone.ts decides (with libphonenumber)
 * what a Kenyan mobile number is; this only turns its refusal into a `validation` DarajaError with its message.
 */
export function toDarajaMsisdn(input: string, api?: DarajaApi): string {
  const result = normalizeKenyanPhone(input);
  if (!result.ok) throw validationError(result.message, api);
  return result.msisdn;
}
