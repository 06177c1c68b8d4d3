import { createHash, randomBytes } from "node:crypto";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { serializeStepTimes, type StepTimes } from "../../progress/step-times.js";
import { readStepTimesFile, scopeId, writeStepTimesFile } from "../../build/step-times-file.js";
// Type only: runner-cache.ts loads @actions/cache, which main loads only on a runner with a cache service.
import type { RunnerCache } from "./actions-cache.js";
import { messageOf } from "../../shared/message-of.js";

// Bumped when what an entry holds changes shape, so old entries are never restored into new code.
const keyVersion = "v1";

export const stepTimesCacheDefaults = Object.freeze({
  /**
   * How long the summary waits for a restore still in flight. The restore starts before the builder and runs
   * alongside the build, so it is normally done long before; a slow cache service must not hold up the step for
   * one line of the summary.
   */
  restoreWaitMs: 1500,
});

/** Where one job keeps a builder's step-times record, and where the runner cache puts it. */
export interface StepTimesPlace {
  /** The job's working copy in RUNNER_TEMP: later Kiln steps of the same job read it instead of the cache. */
  readonly file: string;
  /** The path saved to and restored from the runner cache (entries are versioned by their path list). */
  readonly cachePath: string;
  /** `kiln-step-times-v1-<job scope>-<builder scope id>-`: restore the newest entry by this prefix. */
  readonly prefix: string;
  /** The key this run saves under: the prefix, the run and a random part (keys are immutable, and matrix legs share
   * the job name and run). */
  readonly key: string;
}

/** See {@link StepTimesPlace}; `jobScope` is `localCacheScope(env)`, `builder` is `builderScope(...)`. */
export function stepTimesPlace(tempDir: string, jobScope: string, builder: string, run: string): StepTimesPlace {
  const id = scopeId(`${jobScope}\n${builder}`);
  const prefix = `kiln-step-times-${keyVersion}-${jobScope}-${scopeId(builder)}-`;
  return {
    file: join(tempDir, "kiln-step-times", `${id}.json`),
    cachePath: join(tempDir, "kiln-step-times", "cache", `${id}.json`),
    prefix,
    key: `${prefix}${run}-${randomBytes(4).toString("hex")}`,
  };
}

/**
 * Starts reading the record earlier runs left; never rejects (a missing record only leaves savings out of the
 * summary). An earlier Kiln step of this job already merged the cache's record into the job's working copy, so
 * that copy wins; else the runner cache's newest entry for the prefix is restored. Without a cache service
 * (`cache` undefined or unavailable) nothing is logged.
 */
export function restoreStepTimes(
  place: StepTimesPlace,
  cache: RunnerCache | undefined,
  log: (line: string) => void,
): Promise<StepTimes> {
  const restore = async (): Promise<StepTimes> => {
    const working = await readStepTimesFile(place.file).catch(() => undefined);
    if (working !== undefined && working.size > 0) return working;
    if (!cache || cache.unavailable) return new Map();
    const restored = await cache.restore([place.cachePath], place.key, [place.prefix]);
    if (restored === undefined) return new Map();
    return readStepTimesFile(place.cachePath);
  };
  return restore().catch((err: unknown) => {
    log(`step times: could not restore the record of earlier runs: ${messageOf(err)}`);
    return new Map();
  });
}

/**
 * The restored record, or an empty one when it is not there within `waitMs`: the caller goes on without savings.
 */
export async function awaitStepTimes(
  restoring: Promise<StepTimes>,
  log: (line: string) => void,
  waitMs: number = stepTimesCacheDefaults.restoreWaitMs,
): Promise<StepTimes> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
    timer.unref();
  });
  const times = await Promise.race([restoring, late]);
  clearTimeout(timer);
  if (times === undefined) log(`step times: the record of earlier runs was not restored within ${waitMs} ms`);
  return times ?? new Map();
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Writes the merged record to the job's working copy and returns the post step's state: the place and a digest of
 * what this step wrote, so that only the job's last Kiln step (whose copy is the newest) saves it.
 */
export async function writeJobStepTimes(place: StepTimesPlace, times: StepTimes): Promise<string> {
  await writeStepTimesFile(place.file, times);
  return JSON.stringify({ ...place, digest: sha256(serializeStepTimes(times)) });
}

/**
 * In the post step: saves the job's working copy to the runner cache, unless a later Kiln step of the job rewrote
 * it (its own post step, which runs first, saves the newer copy). Never throws; cache trouble only logs.
 */
export async function saveStepTimesFromState(
  state: string,
  cache: RunnerCache,
  log: (line: string) => void,
): Promise<"saved" | "superseded" | "unavailable" | "failed"> {
  if (cache.unavailable) return "unavailable";
  try {
    const { file, cachePath, key, digest } = JSON.parse(state) as StepTimesPlace & { digest: string };
    if (sha256(await readFile(file, "utf8")) !== digest) return "superseded";
    await mkdir(dirname(cachePath), { recursive: true });
    await copyFile(file, cachePath);
    await cache.save([cachePath], key);
    log(`step times: saved the record to the runner cache (${key})`);
    return "saved";
  } catch (err) {
    log(`step times: could not save the record to the runner cache: ${messageOf(err)}`);
    return "failed";
  }
}
