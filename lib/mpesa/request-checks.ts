import { validationError, type DarajaApi } from './errors';

/** Input checks made before any request, so bad input fails with a clear message and nothing is sent. */

export function requireText(value: string | undefined, { field, api, min = 1, max }: { field: string; api: DarajaApi; min?: number; max?: number }): string {
  const v = (value ?? '').trim();
  if (v.length < min) throw validationError(min <= 1 ? `${field} is required` : `${field} must be at least ${min} characters`, api);
  if (max !== undefined && v.length > max) throw validationError(`${field} must be at most ${max} characters`, api);
  return v;
}

export function requireUrl(value: string, { field, api }: { field: string; api: DarajaApi }): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError(`${field} must be an absolute URL`, api);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw validationError(`${field} must be an http(s) URL`, api);
  return value;
}
