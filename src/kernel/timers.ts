/**
 * Timer helpers. Node turns a setTimeout delay above 2^31-1 ms into 1 ms (with a
 * TimeoutOverflowWarning), so a long wait would silently become a busy retry. Every delay the
 * client hands to a timer goes through `clampTimerMs`. Longer waits never happen: every wait
 * is bounded by an operation budget, and configure refuses budgets beyond a timer's range.
 */

/** The largest delay setTimeout honours (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer can take: NaN and negatives become 0, anything too large the maximum. */
export function clampTimerMs(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0;
  return Math.min(Math.ceil(ms), MAX_TIMER_MS);
}

/** Waits `ms` (clamped); rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, clampTimerMs(ms));
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
