import type { StepRecord } from "./build-record.js";

/** One platform's steps, by stage, in the order they started. */
export interface PlatformSteps {
  /** "linux/arm64", or "" for steps shared by every platform (context transfer, exporting). */
  readonly platform: string;
  readonly stages: readonly { readonly stage: string; readonly steps: readonly StepRecord[] }[];
}

// BuildKit names Dockerfile steps "[<platform> <stage> <n>/<m>] INSTRUCTION", platform and stage optional
// (single-platform builds and unnamed stages leave them out).
const stepName = /^\[(?:(\w+\/\w+(?:\/\w+)?) )?(?:([^\]\s]+) )?\d+\/\d+\]/;

/** Sorts a build's steps by platform and stage, for a log that reads one platform at a time. Pure. */
export function groupSteps(steps: readonly StepRecord[]): PlatformSteps[] {
  const platforms = new Map<string, Map<string, StepRecord[]>>();
  for (const step of steps) {
    const m = stepName.exec(step.name);
    const platform = m?.[1] ?? "";
    const stage = m ? (m[2] ?? "") : "";
    let stages = platforms.get(platform);
    if (!stages) platforms.set(platform, (stages = new Map()));
    let list = stages.get(stage);
    if (!list) stages.set(stage, (list = []));
    list.push(step);
  }
  return [...platforms].map(([platform, stages]) => ({
    platform,
    stages: [...stages].map(([stage, list]) => ({ stage, steps: list })),
  }));
}

/** One line per step: "  CACHED [linux/arm64 build 2/3] RUN ..." or "   1.2s  [...]". */
export function formatStep(step: StepRecord): string {
  const ms =
    step.startedMs !== undefined && step.completedMs !== undefined ? step.completedMs - step.startedMs : undefined;
  const time = step.cached ? "CACHED" : ms === undefined ? "" : `${(ms / 1000).toFixed(1)}s`;
  return `${time.padStart(7)}  ${step.name}${step.error ? `  ERROR: ${step.error}` : ""}`;
}
