import * as cache from "@actions/cache";
import { messageOf } from "../../shared/message-of.js";

/**
 * Files kept across workflow runs under a key, as `@actions/cache` keeps them. Keys are immutable: saving under a
 * key that exists fails, so a key that must change per run carries a run-unique suffix and is restored by prefix.
 * `@actions/cache` also versions entries by the exact list of paths: restore with the same path strings as save.
 */
export interface RunnerCache {
  /** Why nothing can be restored or saved in this environment; absent when the cache service is there. */
  readonly unavailable?: string;
  /**
   * Restores the entry saved under `key`, else the newest whose key starts with one of `restoreKeys` (tried in
   * order), into `paths`. Resolves to the key restored, or undefined on a miss.
   */
  restore(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>;
  /** Saves `paths` under `key`; rejects when the entry was not stored (key taken, service refused or failed). */
  save(paths: string[], key: string): Promise<void>;
}

/** A runner cache operation that did not happen; callers turn it into a note, never a failed build. */
export class RunnerCacheError extends Error {
  override readonly name = "RunnerCacheError";

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

const unavailableReason =
  "the GitHub Actions cache service is not available here (neither ACTIONS_RESULTS_URL nor ACTIONS_CACHE_URL is set)";

/**
 * The runner cache of a GitHub Actions job, through `@actions/cache` (the cache service v2 on github.com, v1 on
 * GitHub Enterprise Server; the toolkit picks). Outside a job (`isFeatureAvailable()` false) it is a no-op whose
 * `unavailable` says why: restore misses, save does nothing.
 */
export function actionsRunnerCache(): RunnerCache {
  if (!cache.isFeatureAvailable()) {
    return {
      unavailable: unavailableReason,
      restore: () => Promise.resolve(undefined),
      save: () => Promise.resolve(),
    };
  }
  return {
    async restore(paths, key, restoreKeys) {
      try {
        return await cache.restoreCache(paths, key, restoreKeys);
      } catch (cause) {
        throw new RunnerCacheError(`failed to restore ${key} from the runner cache: ${messageOf(cause)}`, { cause });
      }
    },
    async save(paths, key) {
      let id: number;
      try {
        id = await cache.saveCache(paths, key);
      } catch (cause) {
        throw new RunnerCacheError(`failed to save ${key} to the runner cache: ${messageOf(cause)}`, { cause });
      }
      // saveCache logs why (key already taken, cache-mode without writes, service errors) and answers -1.
      if (id === -1) throw new RunnerCacheError(`failed to save ${key} to the runner cache (see the warning above)`);
    },
  };
}
