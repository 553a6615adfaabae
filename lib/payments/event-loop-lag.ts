import 'server-only';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How late this process's event loop runs, over the last window: the share of the CPU a background job may take
 * without delaying requests. Intake (a Daraja callback waiting for "Accepted") and the inbox workers share one
 * event loop; the workers read this to step back when requests are waiting.
 */
export interface LagGauge {
  /** The 90th percentile of the event loop's delay over the last full window, in milliseconds. */
  lagMs(): number;
  stop(): void;
}

export function startLagGauge({ windowMs = 500 }: { windowMs?: number } = {}): LagGauge {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = 0;
  const timer = setInterval(() => {
    last = histogram.count > 0 ? histogram.percentile(90) / 1e6 : 0;
    histogram.reset();
  }, windowMs);
  timer.unref();
  return {
    lagMs: () => last,
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
