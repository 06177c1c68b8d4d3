import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { SolveStatus, VertexUpdate } from "../../src/buildkit/index.js";
import { PlainProgress } from "../../src/progress/plain-progress.js";

// Status batches recorded from the stack's standalone BuildKit v0.26 with `kiln build --progress rawjson`
// (log data base64): a two-platform build with multi-line and unterminated RUN output, then the same build cached.
function recorded(name: string): SolveStatus[] {
  return readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const s = JSON.parse(line) as { logs: { data: string | Uint8Array }[] };
      for (const log of s.logs) log.data = Buffer.from(log.data as string, "base64");
      return s as unknown as SolveStatus;
    });
}

function render(batches: readonly SolveStatus[]): string[] {
  const lines: string[] = [];
  const progress = new PlainProgress((l) => lines.push(l));
  for (const b of batches) progress.write(b);
  progress.end();
  return lines;
}

/** The lines of step #n after its DONE, ERROR or CACHED line: there should be none. */
function linesAfterEnd(lines: readonly string[]): string[] {
  const ended = new Set<string>();
  const late: string[] = [];
  for (const l of lines) {
    const n = /^#(\d+) /.exec(l)?.[1];
    if (n === undefined) continue;
    if (ended.has(n) && !/^#\d+ \[/.test(l)) late.push(l);
    if (/^#\d+ (DONE|ERROR|CACHED|CANCELED)/.test(l)) ended.add(n);
  }
  return late;
}

const vertex = (digest: string, name: string, extra: Partial<VertexUpdate> = {}): VertexUpdate => ({
  digest,
  inputs: [],
  name,
  cached: false,
  startedMs: 1_000,
  completedMs: undefined,
  error: "",
  progressGroup: undefined,
  ...extra,
});
const batch = (parts: Partial<SolveStatus>): SolveStatus => ({
  vertexes: [],
  statuses: [],
  logs: [],
  warnings: [],
  ...parts,
});
const log = (v: string, text: string, timestampMs = 1_250) => ({
  vertex: v,
  timestampMs,
  stream: 1,
  data: Buffer.from(text),
});

describe.each(["two-platforms-uncached.jsonl", "two-platforms-cached.jsonl"])("plain progress of %s", (fixture) => {
  const lines = render(recorded(fixture));

  test("step times carry their unit, as buildx prints them", () => {
    const done = lines.filter((l) => / DONE/.test(l));
    expect(done.length).toBeGreaterThan(3);
    for (const l of done) expect(l).toMatch(/^#\d+ DONE \d+\.\ds$/);
  });

  test("no step prints after its DONE, ERROR or CACHED line", () => {
    expect(linesAfterEnd(lines)).toEqual([]);
  });

  test("every step is numbered once, in the order first printed", () => {
    const headers = [...new Set(lines.map((l) => /^#(\d+) /.exec(l)?.[1]).filter((n) => n !== undefined))].map(Number);
    expect(headers).toEqual(headers.map((_, i) => i + 1));
  });
});

test("the recorded uncached build prints each RUN's unterminated last line before its DONE", () => {
  const lines = render(recorded("two-platforms-uncached.jsonl"));
  for (const platform of ["linux/amd64", "linux/arm64"]) {
    const header = lines.find((l) => l.includes(`[${platform} base 2/4] RUN printf`))!;
    const n = /^#(\d+)/.exec(header)![1]!;
    const own = lines.filter((l) => l.startsWith(`#${n} `) && l !== header);
    expect(own.slice(-4).map((l) => l.replace(/ \d+\.\d{3} /, " T ").replace(/DONE \d+\.\ds/, "DONE"))).toEqual([
      `#${n} T one`,
      `#${n} T two`,
      `#${n} T no-newline`,
      `#${n} DONE`,
    ]);
  }
});

test("the recorded cached build lists each platform's cache hits in Dockerfile order", () => {
  const lines = render(recorded("two-platforms-cached.jsonl"));
  const cachedSteps = lines
    .filter((l, i) => lines[i + 1] === l.replace(/^(#\d+) .*/, "$1 CACHED"))
    .map((l) => /\[(linux\/\w+) (\S+) (\d)\/\d\]/.exec(l)!.slice(1).join(" "));
  expect(cachedSteps).toEqual([
    "linux/amd64 base 2",
    "linux/amd64 base 3",
    "linux/amd64 base 4",
    "linux/amd64 stage-1 1",
    "linux/arm64 base 2",
    "linux/arm64 base 3",
    "linux/arm64 base 4",
    "linux/arm64 stage-1 1",
  ]);
});

describe("within one batch", () => {
  test("a step's logs and transfers come before the DONE sent in the same batch", () => {
    const lines = render([
      batch({ vertexes: [vertex("a", "[1/1] RUN make")] }),
      batch({
        vertexes: [vertex("a", "[1/1] RUN make", { completedMs: 2_500 })],
        logs: [log("a", "compiling\nlinking")],
      }),
    ]);
    expect(lines).toEqual(["#1 [1/1] RUN make", "#1 0.250 compiling", "#1 0.250 linking", "#1 DONE 1.5s"]);
  });

  test("cache hits sent in reverse are printed after the steps they consume", () => {
    const lines = render([
      batch({
        vertexes: [
          vertex("c", "[3/3] RUN c", { inputs: ["b"], cached: true, completedMs: 1_000 }),
          vertex("b", "[2/3] RUN b", { inputs: ["a"], cached: true, completedMs: 1_000 }),
          vertex("a", "[1/3] FROM base", { cached: true, completedMs: 1_000 }),
        ],
      }),
    ]);
    expect(lines.filter((l) => !/CACHED|^$/.test(l))).toEqual([
      "#1 [1/3] FROM base",
      "#2 [2/3] RUN b",
      "#3 [3/3] RUN c",
    ]);
  });

  test("an error follows the step's output, a cancellation is CANCELED", () => {
    const lines = render([
      batch({ vertexes: [vertex("a", "[1/2] RUN false"), vertex("b", "[2/2] RUN sleep 9")] }),
      batch({
        vertexes: [
          vertex("a", "[1/2] RUN false", {
            completedMs: 1_100,
            error: "process did not complete successfully: exit code: 1",
          }),
          vertex("b", "[2/2] RUN sleep 9", { completedMs: 1_100, error: "context canceled" }),
        ],
        logs: [log("a", "oops", 1_050)],
      }),
    ]);
    expect(lines).toEqual([
      "#1 [1/2] RUN false",
      "",
      "#2 [2/2] RUN sleep 9",
      "",
      "#1 [1/2] RUN false",
      "#1 0.050 oops",
      "#1 ERROR: process did not complete successfully: exit code: 1",
      "",
      "#2 [2/2] RUN sleep 9",
      "#2 CANCELED",
    ]);
  });
});
