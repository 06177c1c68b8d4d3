import { describe, expect, test } from "vitest";
import { renderSummary } from "../../src/build/summary.js";
import { toOutputs } from "../../src/build/outputs.js";
import type { BuildOutcome } from "../../src/build/run-build.js";
import { BuildRecord } from "../../src/progress/build-record.js";

/** A build of 14 RUN steps, 12 of them cached. */
function outcome(): BuildOutcome {
  const record = new BuildRecord();
  record.add({
    vertexes: Array.from({ length: 14 }, (_, i) => ({
      digest: `sha256:${i}`,
      inputs: [],
      name: `[${i + 1}/14] RUN step ${i}`,
      cached: i < 12,
      startedMs: 1000 + i,
      completedMs: 2000 + i,
      error: "",
      progressGroup: undefined,
    })),
    statuses: [],
    logs: [],
    warnings: [],
  });
  return {
    builder: { driver: "docker", endpoint: "docker", buildkitVersion: "v0.13.1", emulated: [] },
    exporterResponse: {},
    pushed: undefined,
    record,
    transfers: [],
    durationMs: 50_100,
    notes: [],
  };
}

describe("the summary's cache line", () => {
  test("names the time saved when earlier uncached runs measured the cached steps", () => {
    const saved = { savedMs: 41_234, knownSteps: 12, cachedSteps: 12 };
    expect(renderSummary(outcome(), { saved })).toContain(
      "Cache: 12 of 14 steps cached (86%), ~41.2 s saved against earlier uncached runs. Total time 50.1s.",
    );
    expect(JSON.parse(toOutputs(outcome(), { saved })["cache-stats"]!)).toEqual({
      cached: 12,
      total: 14,
      savedMs: 41_234,
    });
  });

  test("says nothing about savings when nothing is known", () => {
    expect(renderSummary(outcome())).toContain("Cache: 12 of 14 steps cached (86%). Total time 50.1s.");
    expect(renderSummary(outcome())).not.toContain("saved");
    expect(JSON.parse(toOutputs(outcome())["cache-stats"]!)).toEqual({ cached: 12, total: 14 });
  });
});
