/** `application/json`, with or without parameters, and `application/<something>+json`. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export function isFormContentType(value: string | null): boolean {
  return value?.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export function isMultipartContentType(value: string | null): boolean {
  return value?.split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';
}
