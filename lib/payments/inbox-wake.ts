import 'server-only';

/**
 * The in-process signal from intake to the inbox workers: "a callback was just stored". Kept on globalThis because
 * the workers are started from the instrumentation bundle and intake runs in route bundles (each bundle has its own
 * copy of this module). Without a listener (workers off, or another instance applies) it does nothing: the workers'
 * poll is the guarantee, this only makes them prompt.
 */
const globalForWake = globalThis as unknown as { havenInboxWake?: Set<() => void> };

function listeners(): Set<() => void> {
  globalForWake.havenInboxWake ??= new Set();
  return globalForWake.havenInboxWake;
}

export function wakeInboxWorkers(): void {
  for (const listener of listeners()) listener();
}

/** Returns the function that removes the listener. */
export function onInboxWake(listener: () => void): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
