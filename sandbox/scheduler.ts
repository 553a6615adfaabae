/** Every delayed action goes through here so that `POST /__sandbox/reset` can cancel them all. */
export class Scheduler {
  private timers = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void | Promise<void>): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void Promise.resolve()
        .then(fn)
        .catch((err: unknown) => console.error('sandbox: scheduled task failed', err));
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
