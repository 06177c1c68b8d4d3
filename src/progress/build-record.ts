import type { SolveStatus, VertexUpdate } from "../buildkit/index.js";

/**
 * What one step (vertex) of a build did, for summaries and cache statistics: its latest status. `inputs`, with the
 * names, gives a key for the same step across runs (step-keys.ts).
 */
export type StepRecord = Omit<VertexUpdate, "progressGroup">;

/**
 * Accumulates Status batches into one record per vertex. The daemon re-sends a vertex whenever it changes, so the
 * latest non-empty value of each field wins.
 */
export class BuildRecord {
  private readonly steps = new Map<string, StepRecord>();

  add(status: SolveStatus): void {
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

  cacheStats(): { cached: number; total: number } {
    const steps = this.cacheableSteps();
    return { cached: steps.filter((s) => s.cached).length, total: steps.length };
  }
}
