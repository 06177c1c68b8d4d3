import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { localCacheKey, localCacheKeyPrefix } from "./keys.js";
import { messageOf } from "../../shared/message-of.js";
import type { RunnerCache } from "./actions-cache.js";

/** What restoring one `type=local` cache directory did; hand it to `saveLocalCacheDir` after the build. */
export interface LocalCacheRestore {
  readonly dir: string;
  /** The key this run saves under (prefix + run suffix). */
  readonly key: string;
  readonly prefix: string;
  readonly outcome:
    | "restored"
    /** No earlier run saved this directory. */
    | "missed"
    /** The directory already held a cache (an earlier step, a self-hosted runner's disk): left as it is. */
    | "present"
    | "unavailable"
    | "failed";
  readonly restoredKey?: string;
  /** sha256 of index.json as the build found it, to skip saving a cache the build did not change. */
  readonly indexDigest?: string;
  readonly detail?: string;
}

export interface LocalCacheSave {
  readonly dir: string;
  readonly key: string;
  readonly outcome:
    | "saved"
    /** index.json is what was restored: the export added nothing, and a new entry would only crowd out others. */
    | "unchanged"
    /** No index.json: nothing was exported (the build failed before, or ignore-error swallowed the export). */
    | "empty"
    | "unavailable"
    | "failed";
  readonly bytes?: number;
  readonly detail?: string;
}

export interface RestoreLocalCacheOptions {
  readonly cache: RunnerCache;
  /** The directory, as `src` of a `cache-from` and `dest` of a `cache-to` entry name it (the same directory). */
  readonly dir: string;
  /** See `localCacheScope`. */
  readonly scope: string;
  /** See `runSuffix`. */
  readonly run: string;
  readonly log: (line: string) => void;
}

/**
 * Before the build: restores the newest entry an earlier run saved for this directory (by key prefix), unless the
 * directory already holds a cache. Never throws for cache trouble: a miss only costs the rebuild.
 */
export async function restoreLocalCacheDir(options: RestoreLocalCacheOptions): Promise<LocalCacheRestore> {
  const { cache, dir, log } = options;
  const prefix = localCacheKeyPrefix(dir, options.scope);
  const key = localCacheKey(dir, options.scope, options.run);
  const base = { dir, key, prefix };
  if (cache.unavailable) {
    log(`local cache ${dir}: ${cache.unavailable}; not restored`);
    return { ...base, outcome: "unavailable" };
  }
  try {
    const found = await indexDigest(dir);
    if (found !== undefined) {
      log(`local cache ${dir}: already holds a cache; not restoring over it`);
      return { ...base, outcome: "present", indexDigest: found };
    }
    const restoredKey = await cache.restore([dir], key, [prefix]);
    if (restoredKey === undefined) {
      log(`local cache ${dir}: no earlier run saved it (${prefix}*)`);
      return { ...base, outcome: "missed" };
    }
    const digest = await indexDigest(dir);
    log(`local cache ${dir}: restored ${restoredKey} from the runner cache`);
    return { ...base, outcome: "restored", restoredKey, ...(digest === undefined ? {} : { indexDigest: digest }) };
  } catch (err) {
    log(`local cache ${dir}: could not restore: ${messageOf(err)}`);
    return { ...base, outcome: "failed", detail: messageOf(err) };
  }
}

/**
 * After the export: saves the directory under this run's key. The export has already replaced the directory's
 * content (index.json re-tagged, unreachable blobs garbage-collected), so what is saved is one cache, not the
 * sum of every run's. Skips a directory the build left unchanged or empty. Never throws for cache trouble.
 */
export async function saveLocalCacheDir(options: {
  readonly cache: RunnerCache;
  readonly restored: LocalCacheRestore;
  readonly log: (line: string) => void;
}): Promise<LocalCacheSave> {
  const { cache, restored, log } = options;
  const { dir, key } = restored;
  if (cache.unavailable) return { dir, key, outcome: "unavailable" };
  try {
    const digest = await indexDigest(dir);
    if (digest === undefined) {
      log(`local cache ${dir}: no cache was exported; nothing to save`);
      return { dir, key, outcome: "empty" };
    }
    if (digest === restored.indexDigest) {
      log(`local cache ${dir}: unchanged since restored; not saved again`);
      return { dir, key, outcome: "unchanged" };
    }
    if (restored.restoredKey === key) {
      const detail = `an earlier step of this run already saved ${key}; keys cannot be overwritten`;
      log(`local cache ${dir}: not saved: ${detail}`);
      return { dir, key, outcome: "failed", detail };
    }
    const bytes = await directoryBytes(dir);
    await cache.save([dir], key);
    log(`local cache ${dir}: saved to the runner cache (${key}, ${bytes} bytes)`);
    return { dir, key, outcome: "saved", bytes };
  } catch (err) {
    log(`local cache ${dir}: could not save: ${messageOf(err)}`);
    return { dir, key, outcome: "failed", detail: messageOf(err) };
  }
}

/** sha256 of `<dir>/index.json`, or undefined when there is none. */
async function indexDigest(dir: string): Promise<string | undefined> {
  try {
    return createHash("sha256")
      .update(await readFile(join(dir, "index.json")))
      .digest("hex");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
