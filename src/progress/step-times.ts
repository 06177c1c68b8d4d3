import type { BuildRecord } from "./build-record.js";
import { stepKeys } from "./step-keys.js";

/**
 * How long steps took when they actually ran (not cached), by step key (see `stepKeys`), in milliseconds. Ordered
 * from least to most recently used, which is the order entries are dropped in once the record is full.
 */
export type StepTimes = ReadonlyMap<string, number>;

export const stepTimesDefaults = Object.freeze({
  /**
   * Entries kept. A key and a duration are ~50 bytes of JSON, so the record stays under 25 KB: small enough to
   * read before every summary and to store as one runner cache entry, and enough for the steps of several
   * multi-platform Dockerfiles built with the same builder.
   */
  maxEntries: 500,
});

/** What the cached steps of one build would have cost, from durations measured in earlier uncached runs. */
export interface TimeSaved {
  /** Sum of the recorded durations of the cached steps whose key is in the record. */
  readonly savedMs: number;
  /** Cached steps with a recorded duration. */
  readonly knownSteps: number;
  /** Every cached step (of `BuildRecord.cacheableSteps`). */
  readonly cachedSteps: number;
}

export interface StepTimesUpdate {
  /** Undefined when no cached step has a recorded duration: then nothing is said about savings. */
  readonly saved: TimeSaved | undefined;
  /** The record to store for later runs: this run's measured durations merged in. */
  readonly next: StepTimes;
  /** Steps that ran and were measured in this build. */
  readonly measured: number;
}

/**
 * Compares one finished build with the record. Each cached step whose key has a recorded duration adds it to the
 * time saved; each step that ran to completion without error records its duration (replacing an older one: the
 * step's inputs changed, so the newest run is the fairer reference). Entries used or measured move to the recent
 * end; the oldest beyond `maxEntries` are dropped. Pure.
 */
export function applyStepTimes(
  prior: StepTimes,
  record: BuildRecord,
  options: { readonly maxEntries?: number } = {},
): StepTimesUpdate {
  const maxEntries = options.maxEntries ?? stepTimesDefaults.maxEntries;
  const keys = stepKeys(record.list());
  const touched = new Map<string, number>();
  let savedMs = 0;
  let knownSteps = 0;
  let measured = 0;
  for (const step of record.cacheableSteps()) {
    const key = keys.get(step.digest);
    if (key === undefined) continue;
    if (step.cached) {
      const ms = prior.get(key);
      if (ms === undefined) continue;
      knownSteps++;
      savedMs += ms;
      touched.set(key, ms);
    } else if (!step.error && step.startedMs !== undefined && step.completedMs !== undefined) {
      const ms = step.completedMs - step.startedMs;
      if (ms < 0) continue;
      touched.set(key, ms);
      measured++;
    }
  }
  const merged = new Map([...prior].filter(([key]) => !touched.has(key)));
  for (const [key, ms] of touched) merged.set(key, ms);
  const next = new Map([...merged].slice(Math.max(0, merged.size - maxEntries)));
  const saved = knownSteps === 0 ? undefined : { savedMs, knownSteps, cachedSteps: record.cacheStats().cached };
  return { saved, next, measured };
}

// Bumped when the stored shape changes; a record of another version reads as empty.
const formatVersion = 1;

/** The stored form: `{"version":1,"steps":[[key, ms], ...]}`, oldest first (JSON objects would reorder digit keys). */
export function serializeStepTimes(times: StepTimes): string {
  return JSON.stringify({ version: formatVersion, steps: [...times] });
}

/**
 * Reads a stored record. Anything unreadable (another version, a truncated file, hand edits) reads as an empty
 * record: a lost record only costs the savings line of one summary. At most `maxEntries` newest entries are kept.
 */
export function parseStepTimes(text: string, options: { readonly maxEntries?: number } = {}): StepTimes {
  const maxEntries = options.maxEntries ?? stepTimesDefaults.maxEntries;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return new Map();
  }
  if (typeof doc !== "object" || doc === null) return new Map();
  const { version, steps } = doc as { version?: unknown; steps?: unknown };
  if (version !== formatVersion || !Array.isArray(steps)) return new Map();
  const times = new Map<string, number>();
  for (const entry of steps as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) continue;
    const [key, ms] = entry as [unknown, unknown];
    if (typeof key !== "string" || !/^[0-9a-f]{32}$/.test(key)) continue;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) continue;
    times.delete(key);
    times.set(key, Math.round(ms));
  }
  return new Map([...times].slice(Math.max(0, times.size - maxEntries)));
}

/** "~41.2 s saved against earlier uncached runs", with how many cached steps that covers when not all. */
export function formatTimeSaved(saved: TimeSaved): string {
  const partial =
    saved.knownSteps < saved.cachedSteps ? ` (${saved.knownSteps} of the ${saved.cachedSteps} cached steps)` : "";
  return `~${(saved.savedMs / 1000).toFixed(1)} s saved against earlier uncached runs${partial}`;
}
