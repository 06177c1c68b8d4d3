import { createHash } from "node:crypto";
import { resolve } from "node:path";

/** Operating system and architecture of the Docker daemon, as its `/version` reports them ("linux", "amd64"). */
export interface DaemonPlatform {
  readonly os: string;
  readonly arch: string;
}

// Bumped when what an entry holds changes shape, so old entries are never restored into new code.
const imageKeyVersion = "v1";
const localKeyVersion = "v1";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
/** Keys may not contain commas (`@actions/cache` checkKey); keep to a portable alphabet. */
const keyPart = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");

/** Whether `image` is pinned by digest (`name[:tag]@sha256:<64 hex>`): only such an image's bytes never change. */
export function isPinnedByDigest(image: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(image);
}

/**
 * The runner cache key of an image archive: `kiln-image-v1-<sha256 hex of the ref>-<os>-<arch>`, or undefined
 * for an image not pinned by digest (a tag can move, so its archive could be stale). The whole ref is hashed, not
 * only the digest, because the archive carries the name it is loaded under. The daemon's platform is part of the
 * key: an index's archive holds only the platforms the daemon pulled.
 */
export function imageCacheKey(image: string, platform: DaemonPlatform): string | undefined {
  if (!isPinnedByDigest(image)) return undefined;
  return `kiln-image-${imageKeyVersion}-${sha256(image)}-${keyPart(platform.os)}-${keyPart(platform.arch)}`;
}

/**
 * The key prefix of a local cache directory's entries: `kiln-local-cache-v1-<scope>-<first 16 hex of the sha256 of
 * the absolute directory>-`. Restoring by this prefix finds the newest entry any earlier run saved.
 */
export function localCacheKeyPrefix(dir: string, scope: string): string {
  return `kiln-local-cache-${localKeyVersion}-${keyPart(scope) || "default"}-${sha256(resolve(dir)).slice(0, 16)}-`;
}

/**
 * The key this run saves a local cache directory under: the prefix plus a run-unique suffix (see `runSuffix`),
 * because an entry can never be overwritten.
 */
export function localCacheKey(dir: string, scope: string, run: string): string {
  return `${localCacheKeyPrefix(dir, scope)}${keyPart(run)}`;
}

/** `<GITHUB_RUN_ID>-<GITHUB_RUN_ATTEMPT>`: unique per run and re-run. "local" outside Actions (no cache there). */
export function runSuffix(env: NodeJS.ProcessEnv): string {
  const id = env["GITHUB_RUN_ID"];
  return id ? `${id}-${env["GITHUB_RUN_ATTEMPT"] || "1"}` : "local";
}

/**
 * The scope of local cache entries: per workflow, job and matrix leg (`leg` from `matrixLegId`), so jobs building
 * different images do not restore each other's cache, and the legs of one matrix job (which share the workflow,
 * job and run) neither restore each other's directory nor collide on one key ("key already exists"). No ref: the
 * cache service already isolates branches (a branch reads its own entries, then the default branch's), which gives
 * a new branch a warm start from the default branch.
 */
export function localCacheScope(env: NodeJS.ProcessEnv, leg?: string): string {
  return keyPart([env["GITHUB_WORKFLOW"], env["GITHUB_JOB"], leg].filter(Boolean).join("-")) || "default";
}
