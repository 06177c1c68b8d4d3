import { describe, expect, test } from "vitest";
import { formatStep, groupSteps } from "../../src/progress/step-groups.js";
import type { StepRecord } from "../../src/progress/build-record.js";

const step = (name: string, extra: Partial<StepRecord> = {}): StepRecord => ({
  digest: name,
  inputs: [],
  name,
  cached: false,
  startedMs: 1000,
  completedMs: 2500,
  error: "",
  ...extra,
});

describe("grouping a build's steps by platform and stage", () => {
  test("multi-platform names with stages land under their platform and stage; shared steps under ''", () => {
    const groups = groupSteps([
      step("[internal] load build definition from Dockerfile"),
      step("[linux/amd64 build 1/3] FROM base"),
      step("[linux/arm64 build 2/3] RUN make"),
      step("[linux/amd64 build 2/3] RUN make"),
      step("[linux/arm64 stage-1 2/2] COPY --from=build /out /out"),
      step("exporting to image"),
    ]);
    expect(groups.map((g) => g.platform)).toEqual(["", "linux/amd64", "linux/arm64"]);
    expect(groups[0]!.stages[0]!.steps.map((s) => s.name)).toEqual([
      "[internal] load build definition from Dockerfile",
      "exporting to image",
    ]);
    expect(groups[2]!.stages.map((s) => s.stage)).toEqual(["build", "stage-1"]);
  });

  test.each([
    ["[2/3] RUN make", "", ""],
    ["[build 2/3] RUN make", "", "build"],
    ["[linux/arm64/v8 2/3] RUN make", "linux/arm64/v8", ""],
  ])("%s -> platform %j, stage %j", (name, platform, stage) => {
    const [group] = groupSteps([step(name)]);
    expect(group!.platform).toBe(platform);
    expect(group!.stages[0]!.stage).toBe(stage);
  });

  test("a step line says CACHED, or its duration, and its error", () => {
    expect(formatStep(step("[1/2] RUN a", { cached: true }))).toBe(" CACHED  [1/2] RUN a");
    expect(formatStep(step("[1/2] RUN a"))).toBe("   1.5s  [1/2] RUN a");
    expect(formatStep(step("[1/2] RUN a", { error: "exit code: 1" }))).toBe(
      "   1.5s  [1/2] RUN a  ERROR: exit code: 1",
    );
  });
});

describe("the order of the grouped steps", () => {
  test("platforms follow the requested order, not the order they started; shared steps come first", () => {
    const groups = groupSteps(
      [
        step("[linux/arm64 1/2] FROM base"),
        step("[internal] load build definition from Dockerfile"),
        step("[linux/amd64 1/2] FROM base"),
        step("[linux/riscv64 1/2] FROM base"),
      ],
      ["linux/amd64", "linux/riscv64", "linux/arm64"],
    );
    expect(groups.map((g) => g.platform)).toEqual(["", "linux/amd64", "linux/riscv64", "linux/arm64"]);
  });

  test("cache hits recorded out of order read in step order; unnumbered steps keep their place", () => {
    const [group] = groupSteps([
      step("[internal] load build context"),
      step("[3/3] RUN c", { cached: true }),
      step("[1/3] FROM base", { cached: true }),
      step("[2/3] COPY . .", { cached: true }),
      step("exporting to image"),
    ]);
    expect(group!.stages[0]!.steps.map((s) => s.name)).toEqual([
      "[internal] load build context",
      "[1/3] FROM base",
      "[2/3] COPY . .",
      "[3/3] RUN c",
      "exporting to image",
    ]);
  });
});
