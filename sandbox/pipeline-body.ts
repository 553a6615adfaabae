import { GatewayError } from './http';
import { requestBodySchema } from './fields';

/** A body that is not a JSON object is `400.002.05 Invalid Request Payload`. */
export function fieldBodyOrThrow(raw: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new GatewayError('400.002.05', 'Invalid Request Payload');
  }
  const parsed = requestBodySchema.safeParse(json);
  if (!parsed.success || Array.isArray(json)) throw new GatewayError('400.002.05', 'Invalid Request Payload');
  return parsed.data;
}
