/**
 * Recognising our error classes without `instanceof`. Next bundles the instrumentation hook, each route and the
 * server actions separately, and each bundle gets its own copy of a class: an error made by the Daraja client
 * (created in the instrumentation bundle and shared through globalThis) fails `instanceof DarajaError` in a route
 * bundle. A brand under a registered symbol (`Symbol.for` is process-wide) survives that, so every check goes
 * through `hasErrorBrand`, never through the class.
 */

export type ErrorBrand = 'haven.app-error' | 'haven.daraja-error' | 'haven.daraja-callback-error';

export function setErrorBrand(target: object, brand: ErrorBrand): void {
  Object.defineProperty(target, Symbol.for(brand), { value: true, enumerable: false });
}

export function hasErrorBrand(value: unknown, brand: ErrorBrand): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(brand)] === true;
}
