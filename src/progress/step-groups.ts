import type { StepRecord } from "./build-record.js";

/** One platform's steps, by stage, in Dockerfile order. */
export interface PlatformSteps {
  /** "linux/arm64", or "" for steps shared by every platform (context transfer, exporting). */
  readonly platform: string;
  readonly stages: readonly { readonly stage: string; readonly steps: readonly StepRecord[] }[];
}

// BuildKit names Dockerfile steps "[<platform> <stage> <n>/<m>] INSTRUCTION", platform and stage optional
// (single-platform builds and unnamed stages leave them out).
const stepName = /^\[(?:(\w+\/\w+(?:\/\w+)?) )?(?:([^\]\s]+) )?\d+\/\d+\]/;

/**
 * Sorts a build's steps by platform and stage, for a log that reads one platform at a time: shared steps first, then
 * the platforms in the order they were requested (`platforms`), not the order they happened to start; within a
 * stage, by step number, so cache hits reported in one batch read in Dockerfile order. Pure.
 */
export function groupSteps(steps: readonly StepRecord[], platforms: readonly string[] = []): PlatformSteps[] {
  const groups = new Map<string, Map<string, StepRecord[]>>();
  for (const step of steps) {
    const m = stepName.exec(step.name);
    const platform = m?.[1] ?? "";
    const stage = m ? (m[2] ?? "") : "";
    let stages = groups.get(platform);
    if (!stages) groups.set(platform, (stages = new Map()));
    let list = stages.get(stage);
    if (!list) stages.set(stage, (list = []));
    list.push(step);
  }
  // Shared steps first, requested platforms in order, any other platform after them as first seen.
  const rank = (p: string): number => (p === "" ? -1 : platforms.includes(p) ? platforms.indexOf(p) : platforms.length);
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([platform, stages]) => ({
      platform,
      stages: [...stages].map(([stage, list]) => ({ stage, steps: inStepOrder(list) })),
    }));
}

/**
 * The numbered steps ("[... n/m]") sorted by n, in the places numbered steps held; the others (internal steps,
 * exporting) keep theirs.
 */
function inStepOrder(steps: readonly StepRecord[]): StepRecord[] {
  const number = (s: StepRecord): number | undefined => {
    const m = /(\d+)\/\d+\]/.exec(s.name);
    return m ? Number(m[1]) : undefined;
  };
  const numbered = steps.filter((s) => number(s) !== undefined).sort((a, b) => number(a)! - number(b)!);
  return steps.map((s) => (number(s) === undefined ? s : numbered.shift()!));
}

/** One line per step: "  CACHED [linux/arm64 build 2/3] RUN ..." or "   1.2s  [...]". */
export function formatStep(step: StepRecord): string {
  const ms =
    step.startedMs !== undefined && step.completedMs !== undefined ? step.completedMs - step.startedMs : undefined;
  const time = step.cached ? "CACHED" : ms === undefined ? "" : `${(ms / 1000).toFixed(1)}s`;
  return `${time.padStart(7)}  ${step.name}${step.error ? `  ERROR: ${step.error}` : ""}`;
}
