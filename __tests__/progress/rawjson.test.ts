import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { SolveStatus } from "../../src/buildkit/index.js";
import { rawJsonLine } from "../../src/progress/rawjson.js";

// Batches recorded from the stack's standalone BuildKit v0.26 (see plain-progress.test.ts), in Kiln's own shape.
function recorded(name: string): SolveStatus[] {
  return readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const s = JSON.parse(line) as { logs: { data: unknown }[] };
      for (const log of s.logs) log.data = Buffer.from(log.data as Buffer);
      return s as unknown as SolveStatus;
    });
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("rawJsonLine: buildx's --progress rawjson (BuildKit client.SolveStatus as Go marshals it)", () => {
  const batches = recorded("two-platforms-cached.jsonl");

  test("a cached vertex: Go's field names, RFC3339Nano times, omitempty fields left out", () => {
    const batch = batches.find((b) => b.vertexes.some((v) => v.cached && v.inputs.length > 0))!;
    const v = batch.vertexes.find((x) => x.cached && x.inputs.length > 0)!;
    const parsed = JSON.parse(rawJsonLine(batch)) as { vertexes: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(["vertexes"]); // empty statuses/logs/warnings are omitempty
    const out = parsed.vertexes.find((x) => x["digest"] === v.digest && x["cached"] === true)!;
    expect(out).toEqual({
      digest: v.digest,
      inputs: v.inputs,
      name: v.name,
      started: iso(v.startedMs!).replace(/\.?0+Z$/, "Z"),
      completed: iso(v.completedMs!).replace(/\.?0+Z$/, "Z"),
      cached: true,
    });
    expect(out["started"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/);
  });

  test("a vertex not yet started has no started, completed, cached or error key (all omitempty)", () => {
    const first = JSON.parse(rawJsonLine(batches[0]!)) as { vertexes: Record<string, unknown>[] };
    expect(Object.keys(first.vertexes[0]!)).toEqual(["digest", "name"]);
  });

  test("a log line: data base64, stream, RFC3339Nano timestamp", () => {
    const uncached = recorded("two-platforms-uncached.jsonl");
    const batch = uncached.find((b) => b.logs.length > 0)!;
    const log = batch.logs[0]!;
    const parsed = JSON.parse(rawJsonLine(batch)) as { logs: Record<string, unknown>[] };
    expect(parsed.logs[0]).toEqual({
      vertex: log.vertex,
      stream: 1,
      data: Buffer.from(log.data).toString("base64"),
      timestamp: iso(log.timestampMs).replace(/\.?0+Z$/, "Z"),
    });
    expect(Buffer.from(parsed.logs[0]!["data"] as string, "base64").toString()).toBe("one\ntwo\nno-newline");
  });

  test("a status: id and current always, the zero time when the daemon sent no timestamp, total omitempty", () => {
    const batch = batches.find((b) => b.statuses.some((s) => s.completedMs !== undefined))!;
    const s = batch.statuses.find((x) => x.completedMs !== undefined)!;
    const parsed = JSON.parse(rawJsonLine(batch)) as { statuses: Record<string, unknown>[] };
    expect(parsed.statuses[0]).toEqual({
      id: s.id,
      vertex: s.vertex,
      name: s.name,
      current: s.current,
      timestamp: "0001-01-01T00:00:00Z",
      completed: iso(s.completedMs!).replace(/\.?0+Z$/, "Z"),
    });
    const timed = JSON.parse(rawJsonLine({ ...batch, statuses: [{ ...s, timestampMs: 1_700_000_000_120 }] })) as {
      statuses: Record<string, unknown>[];
    };
    expect(timed.statuses[0]!["timestamp"]).toBe("2023-11-14T22:13:20.12Z");
  });

  test("a build-check warning: short and detail base64, source file and line range", () => {
    const line = rawJsonLine({
      vertexes: [],
      statuses: [],
      logs: [],
      warnings: [
        {
          vertex: "sha256:abc",
          level: 1,
          short: "JSONArgsRecommended",
          detail: ["use JSON"],
          url: "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
          filename: "Dockerfile",
          lines: { start: 3, end: 3 },
        },
      ],
    });
    expect(JSON.parse(line)).toEqual({
      warnings: [
        {
          vertex: "sha256:abc",
          level: 1,
          short: Buffer.from("JSONArgsRecommended").toString("base64"),
          detail: [Buffer.from("use JSON").toString("base64")],
          url: "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
          sourceInfo: { filename: "Dockerfile" },
          range: [{ start: { line: 3 }, end: { line: 3 } }],
        },
      ],
    });
  });
});
