import type { SolveStatus, VertexUpdate } from "../buildkit/index.js";
import { StepLogTail } from "./step-log-tail.js";

/**
 * What one step (vertex) of a build did, for summaries and cache statistics: its latest status. `inputs`, with the
 * names, gives a key for the same step across runs (step-keys.ts).
 */
export type StepRecord = Omit<VertexUpdate, "progressGroup">;

/** The step that failed a build: its name, the daemon's error for it and the last lines it printed. */
export interface FailedStep {
  readonly name: string;
  readonly error: string;
  readonly lastLines: readonly string[];
}

/** Lines of a failed step's log the summary shows; enough for a compiler's or a test runner's final words. */
const FAILED_STEP_LINES = 20;

/**
 * Accumulates Status batches into one record per vertex. The daemon re-sends a vertex whenever it changes, so the
 * latest non-empty value of each field wins.
 */
export class BuildRecord {
  private readonly steps = new Map<string, StepRecord>();
  private readonly logs = new StepLogTail(FAILED_STEP_LINES);

  add(status: SolveStatus): void {
    this.logs.add(status.logs);
    for (const v of status.vertexes) {
      const prev = this.steps.get(v.digest);
      this.steps.set(v.digest, {
        digest: v.digest,
        inputs: v.inputs.length > 0 ? v.inputs : (prev?.inputs ?? []),
        name: v.name || prev?.name || "",
        cached: v.cached || (prev?.cached ?? false),
        startedMs: v.startedMs ?? prev?.startedMs,
        completedMs: v.completedMs ?? prev?.completedMs,
        error: v.error || prev?.error || "",
      });
    }
  }

  /** Steps in the order they started; never-started steps last. */
  list(): StepRecord[] {
    return [...this.steps.values()].sort((a, b) => (a.startedMs ?? Infinity) - (b.startedMs ?? Infinity));
  }

  /**
   * Steps whose result can come from cache: the Dockerfile's numbered instructions. Internal bookkeeping
   * ("[internal] ...", context transfers, exporting, attestations) and FROM, which resolves an image rather than
   * computing a layer and is never reported cached after a prune (buildx shows the same), are left out.
   */
  cacheableSteps(): StepRecord[] {
    return this.list().filter((s) => /^\[[^\]]*\d+\/\d+\]/.test(s.name) && !/^\[[^\]]*\] FROM /.test(s.name));
  }

  /**
   * The step whose error failed the build: the first one to fail that is not merely cancelled because another
   * failed ("context canceled" is how BuildKit stops the steps running beside the failing one).
   */
  failedStep(): FailedStep | undefined {
    const failed = this.list()
      .filter((s) => s.error !== "")
      .sort((a, b) => (a.completedMs ?? Infinity) - (b.completedMs ?? Infinity));
    const step = failed.find((s) => !/context canceled/.test(s.error)) ?? failed[0];
    if (step === undefined) return undefined;
    return { name: step.name, error: step.error, lastLines: this.logs.of(step.digest) };
  }

  cacheStats(): { cached: number; total: number } {
    const steps = this.cacheableSteps();
    return { cached: steps.filter((s) => s.cached).length, total: steps.length };
  }
}
