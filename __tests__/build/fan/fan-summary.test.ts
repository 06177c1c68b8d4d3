import { expect, test } from "vitest";
import { renderFanInSummary, renderLegSummary } from "../../../src/build/fan/fan-summary.js";
import { PART_RECORD_KIND, type PartRecord } from "../../../src/build/fan/part-record.js";
import type { FanInResult } from "../../../src/build/fan/fan-in.js";

const d = (c: string): string => `sha256:${c.repeat(64)}`;

function record(platform: string, runner: string, emulated: string[], ms: number, cached: number): PartRecord {
  return {
    kind: PART_RECORD_KIND,
    version: 1,
    image: "ghcr.io/o/app",
    commit: "c",
    run: { id: "1", attempt: 1 },
    created: "2026-01-01T00:00:00Z",
    pushed: `ghcr.io/o/app@${d("0")}`,
    digests: { [platform]: d(platform === "linux/amd64" ? "a" : "b") },
    attestations: {},
    manifests: [],
    buildinfo: {},
    builder: { driver: "docker", endpoint: "e", buildkitVersion: "v0.20.0", emulated },
    runner: { name: runner, os: "Linux", arch: platform === "linux/amd64" ? "X64" : "ARM64" },
    durationMs: ms,
    cacheStats: { cached, total: 4 },
  };
}

test("the fan-in summary has one row per platform: runner, native or emulated, leg time, cached steps, digests", () => {
  const parts = [
    { source: "a", record: record("linux/amd64", "GitHub Actions 2", [], 61_000, 3) },
    { source: "b", record: record("linux/arm64", "GitHub Actions 7", ["linux/arm64"], 95_500, 0) },
  ];
  const result: FanInResult = {
    pushed: {
      digest: d("f"),
      digests: { "linux/amd64": d("a"), "linux/arm64": d("b") },
      attestations: { "linux/amd64": d("c") },
      buildinfo: {},
    },
    outputs: {},
  };
  const md = renderFanInSummary(parts, result, ["ghcr.io/o/app:1.0", "ghcr.io/o/app:latest"]);
  expect(md).toContain(`Index \`${d("f")}\`, tagged \`ghcr.io/o/app:1.0\`, \`ghcr.io/o/app:latest\``);
  expect(md).toContain(
    `| linux/amd64 | GitHub Actions 2 (Linux/X64) | native | 61.0s | 3/4 | \`${d("a")}\` | \`${d("c")}\` |`,
  );
  expect(md).toContain(
    `| linux/arm64 | GitHub Actions 7 (Linux/ARM64) | emulated (QEMU) | 95.5s | 0/4 | \`${d("b")}\` | none |`,
  );
});

test("a leg's own summary is short: its digest, native or not, and where its part went", () => {
  const md = renderLegSummary(record("linux/arm64", "r", [], 12_340, 2), "kiln-part-x-linux_arm64-a1");
  expect(md.split("\n").filter((l) => l !== "")).toEqual([
    "## Kiln fan-out leg",
    `- linux/arm64, built natively: \`${d("b")}\` in ghcr.io/o/app, no tag moved`,
    "12.3s, 2/4 steps cached. Part handed over as `kiln-part-x-linux_arm64-a1` for the fan-in.",
  ]);
});
