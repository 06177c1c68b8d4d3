import { describe, expect, test } from "vitest";
import type { SolveStatus, VertexUpdate } from "../../src/buildkit/index.js";
import { BuildRecord } from "../../src/progress/build-record.js";
import { StepLogTail } from "../../src/progress/step-log-tail.js";

const log = (vertex: string, text: string, stream = 1) => ({
  vertex,
  timestampMs: 0,
  stream,
  data: Buffer.from(text),
});

function vertex(digest: string, name: string, more: Partial<VertexUpdate> = {}): VertexUpdate {
  return { digest, inputs: [], name, cached: false, error: "", progressGroup: undefined, ...more } as VertexUpdate;
}

const status = (s: Partial<SolveStatus>): SolveStatus => ({ vertexes: [], statuses: [], logs: [], warnings: [], ...s });

describe("StepLogTail", () => {
  test("keeps the last lines of each step, joining lines split across chunks", () => {
    const tail = new StepLogTail(3);
    tail.add([log("a", "one\ntw"), log("b", "other\n"), log("a", "o\nthree\nfour\n")]);
    expect(tail.of("a")).toEqual(["two", "three", "four"]);
    expect(tail.of("b")).toEqual(["other"]);
    expect(tail.of("c")).toEqual([]);
  });

  test("counts a last line without its newline and drops carriage returns", () => {
    const tail = new StepLogTail(5);
    tail.add([log("a", "progress\r\n"), log("a", "fatal: no newline", 2)]);
    expect(tail.of("a")).toEqual(["progress", "fatal: no newline"]);
  });
});

describe("BuildRecord.failedStep", () => {
  test("is the step that failed first, not one cancelled beside it, with its last log lines", () => {
    const record = new BuildRecord();
    record.add(
      status({
        vertexes: [
          vertex("x", "[a 2/2] RUN sleep 5", { startedMs: 1, completedMs: 9, error: "context canceled" }),
          vertex("y", "[b 2/2] RUN make", { startedMs: 2, completedMs: 8, error: "exit code: 2" }),
        ],
        logs: [log("y", "make: *** [all] Error 2"), log("x", "sleeping\n")],
      }),
    );
    expect(record.failedStep()).toEqual({
      name: "[b 2/2] RUN make",
      error: "exit code: 2",
      lastLines: ["make: *** [all] Error 2"],
    });
  });

  test("is absent when no step failed", () => {
    const record = new BuildRecord();
    record.add(status({ vertexes: [vertex("x", "[1/1] RUN true", { startedMs: 1, completedMs: 2 })] }));
    expect(record.failedStep()).toBeUndefined();
  });
});
