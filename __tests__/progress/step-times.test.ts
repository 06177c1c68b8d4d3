import { describe, expect, test } from "vitest";
import { BuildRecord } from "../../src/progress/build-record.js";
import { stableStepName, stepKeys } from "../../src/progress/step-keys.js";
import {
  applyStepTimes,
  formatTimeSaved,
  parseStepTimes,
  serializeStepTimes,
  type StepTimes,
} from "../../src/progress/step-times.js";
import type { SolveStatus, VertexUpdate } from "../../src/buildkit/index.js";

interface Step {
  digest: string;
  name: string;
  inputs?: string[];
  cached?: boolean;
  ms?: number | undefined;
  error?: string;
}

/** A build record of these steps, as the Status stream would report them (started at 1000 ms apart). */
function recordOf(steps: readonly Step[]): BuildRecord {
  const record = new BuildRecord();
  const vertexes: VertexUpdate[] = steps.map((s, i) => ({
    digest: s.digest,
    inputs: s.inputs ?? [],
    name: s.name,
    cached: s.cached ?? false,
    startedMs: 1000 * (i + 1),
    completedMs: s.ms === undefined ? undefined : 1000 * (i + 1) + s.ms,
    error: s.error ?? "",
    progressGroup: undefined,
  }));
  const status: SolveStatus = { vertexes, statuses: [], logs: [], warnings: [] };
  record.add(status);
  return record;
}

/** The same three-step Dockerfile; `run` gives each vertex a run-specific digest, as the session ID does. */
const build = (run: string, over: Partial<Record<"from" | "copy" | "run", Partial<Step>>> = {}): Step[] => [
  { digest: `${run}ctx`, name: "[internal] load build context", ms: 5 },
  { digest: "from", name: "[1/3] FROM docker.io/library/alpine@sha256:aa", ms: 30, ...over.from },
  { digest: `${run}copy`, name: "[2/3] COPY . /src", inputs: ["from", `${run}ctx`], ms: 200, ...over.copy },
  { digest: `${run}run`, name: "[3/3] RUN make", inputs: [`${run}copy`], ms: 4000, ...over.run },
];

const cachedRun = { copy: { cached: true, ms: 1 }, run: { cached: true, ms: 0 } };

describe("step keys", () => {
  test("the same step gets the same key in another run, whatever the vertex digests", () => {
    const a = recordOf(build("a")).list();
    const b = recordOf(build("b", cachedRun)).list();
    const keysA = stepKeys(a);
    const keysB = stepKeys(b);
    expect(keysB.get("brun")).toBe(keysA.get("arun"));
    expect(keysB.get("bcopy")).toBe(keysA.get("acopy"));
    expect(keysA.get("arun")).toMatch(/^[0-9a-f]{32}$/);
  });

  test.each([
    ["[build 2/5] RUN make", "[] RUN make"],
    ["[linux/arm64 build 2/4] RUN make", "[linux/arm64] RUN make"],
    ["[linux/amd64 2/3] COPY . /src", "[linux/amd64] COPY . /src"],
    ["[2/3] COPY . /src", "[] COPY . /src"],
    ["[internal] load build context", "[internal] load build context"],
    ["[linux/arm64 internal] load metadata for x", "[linux/arm64 internal] load metadata for x"],
    ["exporting to image", "exporting to image"],
  ])("%s is keyed as %s", (name, stable) => {
    expect(stableStepName(name)).toBe(stable);
  });

  test("a FROM two stages share keeps its key whichever stage the daemon names it after", () => {
    const run = (fromName: string, id: string): Step[] => [
      { digest: "from", name: fromName, ms: 1 },
      { digest: `${id}seed`, name: "[build 2/3] RUN echo seed > /seed", inputs: ["from"], ms: 300 },
      { digest: `${id}app`, name: "[stage-1 2/2] COPY --from=build /seed /", inputs: ["from", `${id}seed`], ms: 20 },
    ];
    const first = stepKeys(recordOf(run("[build 1/3] FROM base@sha256:1", "a")).list());
    const second = stepKeys(recordOf(run("[stage-1 1/2] FROM base@sha256:1", "b")).list());
    expect(second.get("bseed")).toBe(first.get("aseed"));
    expect(second.get("bapp")).toBe(first.get("aapp"));
  });

  test("the same line after different inputs gets a different key", () => {
    const one = recordOf([
      { digest: "x", name: "[1/2] FROM a@sha256:1", ms: 1 },
      { digest: "y", name: "[2/2] RUN make", inputs: ["x"], ms: 1 },
    ]);
    const two = recordOf([
      { digest: "x", name: "[1/2] FROM a@sha256:2", ms: 1 },
      { digest: "y", name: "[2/2] RUN make", inputs: ["x"], ms: 1 },
    ]);
    expect(stepKeys(one.list()).get("y")).not.toBe(stepKeys(two.list()).get("y"));
  });

  test("keys never carry the step's name (names can hold build-arg values)", () => {
    const keys = stepKeys(recordOf([{ digest: "s", name: "[1/1] RUN echo hunter2", ms: 1 }]).list());
    expect(keys.get("s")).not.toContain("hunter2");
  });
});

describe("time saved against earlier uncached runs", () => {
  test("a first run measures the steps that ran and says nothing about savings", () => {
    const update = applyStepTimes(new Map(), recordOf(build("a")));
    expect(update.saved).toBeUndefined();
    // FROM and [internal] steps are not cacheable steps: only COPY and RUN are measured.
    expect(update.measured).toBe(2);
    expect([...update.next.values()]).toEqual([200, 4000]);
  });

  test("a cached run saves the sum of the recorded durations of its cached steps", () => {
    const first = applyStepTimes(new Map(), recordOf(build("a")));
    const second = applyStepTimes(first.next, recordOf(build("b", cachedRun)));
    expect(second.saved).toEqual({ savedMs: 4200, knownSteps: 2, cachedSteps: 2 });
    expect(second.measured).toBe(0);
    // Cached steps keep their uncached durations (a cached 0 ms never replaces them).
    expect([...second.next.values()].sort()).toEqual([200, 4000]);
  });

  test("when only some cached steps were measured, the savings say how many", () => {
    // An earlier run measured RUN only (its COPY came from a cache imported from elsewhere).
    const first = applyStepTimes(new Map(), recordOf(build("a", { copy: { cached: true, ms: 0 } })));
    const second = applyStepTimes(first.next, recordOf(build("b", cachedRun)));
    expect(second.saved).toEqual({ savedMs: 4000, knownSteps: 1, cachedSteps: 2 });
  });

  test("a step that ran again replaces its recorded duration with the new one", () => {
    const first = applyStepTimes(new Map(), recordOf(build("a")));
    const second = applyStepTimes(first.next, recordOf(build("b", { run: { ms: 5000 } })));
    expect(second.saved).toBeUndefined();
    expect([...second.next.values()].sort()).toEqual([200, 5000]);
  });

  test("failed and unfinished steps are not recorded", () => {
    const update = applyStepTimes(
      new Map(),
      recordOf(build("a", { copy: { error: "no such file" }, run: { ms: undefined } })),
    );
    expect(update.measured).toBe(0);
    expect(update.next.size).toBe(0);
  });

  test("the record keeps the most recently used entries, never more than maxEntries", () => {
    const old: StepTimes = new Map(Array.from({ length: 5 }, (_, i) => [`${i}`.padStart(32, "0"), i]));
    const first = applyStepTimes(old, recordOf(build("a")), { maxEntries: 4 });
    expect(first.next.size).toBe(4);
    // The two new measurements are the newest; of the old entries the two most recent survive.
    expect([...first.next.keys()].slice(0, 2)).toEqual(["3".padStart(32, "0"), "4".padStart(32, "0")]);
    // A cached hit counts as a use: it moves to the recent end and survives the next trims.
    const keys = stepKeys(recordOf(build("a")).list());
    const second = applyStepTimes(first.next, recordOf(build("b", { run: { cached: true, ms: 0 } })), {
      maxEntries: 4,
    });
    expect([...second.next.keys()].at(-1)).toBe(keys.get("arun"));
  });
});

describe("stored record", () => {
  test("round-trips in order", () => {
    const times: StepTimes = new Map([
      ["f".repeat(32), 12],
      ["0".repeat(32), 3400],
    ]);
    const text = serializeStepTimes(times);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      steps: [
        ["f".repeat(32), 12],
        ["0".repeat(32), 3400],
      ],
    });
    expect([...parseStepTimes(text)]).toEqual([...times]);
  });

  test.each([
    ["not JSON", "{"],
    ["another version", JSON.stringify({ version: 2, steps: [["a".repeat(32), 1]] })],
    ["no steps", JSON.stringify({ version: 1 })],
    ["null", "null"],
  ])("%s reads as an empty record", (_name, text) => {
    expect(parseStepTimes(text).size).toBe(0);
  });

  test("entries that are not a key and a duration are skipped, and only the newest maxEntries kept", () => {
    const text = JSON.stringify({
      version: 1,
      steps: [
        ["a".repeat(32), 1],
        ["not-a-key", 2],
        ["b".repeat(32), -1],
        ["c".repeat(32), 3],
        ["d".repeat(32), 4],
      ],
    });
    expect([...parseStepTimes(text, { maxEntries: 2 })]).toEqual([
      ["c".repeat(32), 3],
      ["d".repeat(32), 4],
    ]);
  });

  test.each([
    [{ savedMs: 41_234, knownSteps: 12, cachedSteps: 12 }, "~41.2 s saved against earlier uncached runs"],
    [
      { savedMs: 900, knownSteps: 2, cachedSteps: 5 },
      "~0.9 s saved against earlier uncached runs (2 of the 5 cached steps)",
    ],
  ])("formats %o", (saved, line) => {
    expect(formatTimeSaved(saved)).toBe(line);
  });
});
