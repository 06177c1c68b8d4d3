import { describe, expect, test } from "vitest";
import { describeBuildkit, renderFailureSummary, renderSummary, summaryEnabled } from "../../src/build/summary.js";
import { toOutputs } from "../../src/build/outputs.js";
import type { BuildOutcome } from "../../src/build/run-build.js";
import { BuildRecord } from "../../src/progress/build-record.js";

const target = { tags: ["ghcr.io/acme/app:1.2", "ghcr.io/acme/app:latest"], platforms: ["linux/amd64"] };

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
    expect(renderSummary(outcome(), { saved, target })).toContain(
      "Cache: 12 of 14 steps cached (86%), ~41.2 s saved against earlier uncached runs. Total time 50.1s.",
    );
    expect(JSON.parse(toOutputs(outcome(), { saved })["cache-stats"]!)).toEqual({
      cached: 12,
      total: 14,
      savedMs: 41_234,
    });
  });

  test("says nothing about savings when nothing is known", () => {
    expect(renderSummary(outcome(), { target })).toContain("Cache: 12 of 14 steps cached (86%). Total time 50.1s.");
    expect(renderSummary(outcome(), { target })).not.toContain("saved");
    expect(JSON.parse(toOutputs(outcome())["cache-stats"]!)).toEqual({ cached: 12, total: 14 });
  });
});

describe("what the summary names and counts", () => {
  test("names the image and its tags, so two builds in one job can be told apart", () => {
    const md = renderSummary(outcome(), { target });
    expect(md.split("\n")[0]).toBe("## Kiln build: `ghcr.io/acme/app:1.2`");
    expect(md).toContain("Tags: `ghcr.io/acme/app:1.2`, `ghcr.io/acme/app:latest`");
  });

  test("the step table holds exactly the steps the cache line counts", () => {
    const o = outcome();
    // Internal steps and FROM are not counted: they must not be rows either.
    o.record.add({
      vertexes: [
        {
          digest: "sha256:int",
          inputs: [],
          name: "[internal] load build context",
          cached: false,
          startedMs: 1,
          completedMs: 2,
          error: "",
          progressGroup: undefined,
        },
        {
          digest: "sha256:from",
          inputs: [],
          name: "[1/15] FROM base",
          cached: false,
          startedMs: 1,
          completedMs: 2,
          error: "",
          progressGroup: undefined,
        },
      ],
      statuses: [],
      logs: [],
      warnings: [],
    });
    const md = renderSummary(o, { target });
    expect(md).toContain("Cache: 12 of 14 steps cached (86%)");
    expect(md).toContain("<summary>The 14 steps</summary>");
    expect(md.split("\n").filter((l) => /^\| \[/.test(l))).toHaveLength(14);
  });

  test("names the builder once", () => {
    const o = {
      ...outcome(),
      builder: {
        driver: "docker" as const,
        endpoint: "docker unix:///var/run/docker.sock",
        buildkitVersion: "v0.13.2",
        emulated: [],
      },
    };
    expect(renderSummary(o, { target })).toContain(
      "Builder: docker driver at unix:///var/run/docker.sock, BuildKit v0.13.2\n",
    );
  });

  test.each([
    ["v0.26.3", undefined, "BuildKit v0.26.3"],
    ["v0.0.0+unknown", "26.1.4", "BuildKit v0.13 (embedded in Docker Engine 26.1.4)"],
    ["", "28.3.0", "BuildKit v0.20 or later (embedded in Docker Engine 28.3.0)"],
    ["v0.0.0+unknown", undefined, "BuildKit v0.0.0+unknown"],
  ])("BuildKit %j on Engine %j is shown as %j", (buildkit, engine, shown) => {
    expect(describeBuildkit(buildkit, engine)).toBe(shown);
  });

  test("a failed build's summary names the image and holds the error lines", () => {
    const md = renderFailureSummary(
      [
        {
          message: 'failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
          annotation: { file: "app/Dockerfile", startLine: 4, endLine: 4 },
        },
      ],
      target,
    );
    expect(md).toBe(
      [
        "## Kiln build failed: `ghcr.io/acme/app:1.2`",
        "",
        "Tags: `ghcr.io/acme/app:1.2`, `ghcr.io/acme/app:latest`",
        "",
        "Platforms: linux/amd64",
        "",
        "```text",
        'app/Dockerfile:4: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1',
        "```",
        "",
      ].join("\n"),
    );
  });

  test.each([
    [undefined, true],
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
    ["FALSE", false],
  ])("DOCKER_BUILD_SUMMARY=%s -> written: %s", (value, enabled) => {
    expect(summaryEnabled(value === undefined ? {} : { DOCKER_BUILD_SUMMARY: value })).toBe(enabled);
  });
});

describe("imageid, as buildx reports it", () => {
  test.each([
    [{ "containerimage.config.digest": "sha256:c", "containerimage.digest": "sha256:m" }, "sha256:c"],
    [{ "containerimage.digest": "sha256:index" }, "sha256:index"],
    [{}, ""],
  ])("exporter response %j -> imageid %j", (exporterResponse, imageid) => {
    expect(toOutputs({ ...outcome(), exporterResponse })["imageid"]).toBe(imageid);
  });
});
