import { describe, expect, it } from "vitest";
import { PlainProgress } from "../../src/progress/plain-progress.js";
import type { SolveStatus } from "../../src/buildkit/index.js";

const vertex = {
  digest: "sha256:a",
  inputs: [],
  name: "[2/2] RUN long",
  cached: false,
  error: "",
  progressGroup: undefined,
};

describe("PlainProgress.end", () => {
  it("prints the last line of a step that never completed, though it has no trailing newline", () => {
    const lines: string[] = [];
    const p = new PlainProgress((l) => lines.push(l));
    const batch: SolveStatus = {
      vertexes: [{ ...vertex, startedMs: 1_000, completedMs: undefined }],
      statuses: [],
      logs: [{ vertex: "sha256:a", timestampMs: 1_500, stream: 1, data: Buffer.from("first\nlast words") }],
      warnings: [],
    };
    p.write(batch);
    expect(lines).toEqual(["#1 [2/2] RUN long", "#1 0.500 first"]);
    p.end();
    expect(lines).toEqual(["#1 [2/2] RUN long", "#1 0.500 first", "#1 0.500 last words"]);
    p.end();
    expect(lines).toHaveLength(3);
  });
});
