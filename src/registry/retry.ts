import { setTimeout as sleep } from "node:timers/promises";
import { RegistryError } from "./registry-error.js";

/** How reads are retried: attempts in all, and the first backoff (doubled each time, with jitter). */
export interface RetryPolicy {
  readonly attempts: number;
  readonly firstBackoffMs: number;
}

/** Four tries over about 4 s: long enough for a registry's transient 500/429 under concurrent pushes to pass. */
export const READ_RETRY: RetryPolicy = Object.freeze({ attempts: 4, firstBackoffMs: 500 });

/**
 * Runs `attempt` until it succeeds, it fails with something other than `unavailable` (a 5xx, 408, 429, a network
 * error, a per-request timeout), the caller's signal fires, or the attempts run out; the last error is thrown.
 * Only for requests that are safe to repeat (GET, HEAD).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const retryable = err instanceof RegistryError && err.code === "unavailable" && signal?.aborted !== true;
      if (!retryable || i >= policy.attempts) throw err;
      const backoff = policy.firstBackoffMs * 2 ** (i - 1);
      // Jitter spreads concurrent jobs that failed together.
      await sleep(backoff / 2 + Math.random() * (backoff / 2), undefined, signal ? { signal } : {}).catch(() => {
        throw err;
      });
    }
  }
}
