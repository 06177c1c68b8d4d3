import { describe, expect, it } from "vitest";
import { builderNameFor } from "../../src/action/builder-name.js";

const base = { GITHUB_REPOSITORY: "o/r", GITHUB_JOB: "build", GITHUB_ACTION: "__o_kiln", RUNNER_NAME: "runner-1" };

describe("builderNameFor", () => {
  it("is kiln_<job>_<12 hex> and stable for the same step on the same runner", () => {
    const name = builderNameFor(base);
    expect(name).toMatch(/^kiln_build_[0-9a-f]{12}$/);
    expect(builderNameFor({ ...base })).toBe(name);
  });

  it("differs per step, job, repository and runner, so matrix legs on one daemon never share a builder", () => {
    const name = builderNameFor(base);
    for (const change of [
      { GITHUB_ACTION: "__o_kiln_2" },
      { GITHUB_JOB: "test" },
      { GITHUB_REPOSITORY: "o/other" },
      { RUNNER_NAME: "runner-2" },
    ]) {
      expect(builderNameFor({ ...base, ...change })).not.toBe(name);
    }
  });

  it("keeps only characters Docker allows in names and bounds the job part", () => {
    const name = builderNameFor({ ...base, GITHUB_JOB: `build (linux/arm64, ${"x".repeat(80)})` });
    expect(name).toMatch(/^kiln_[a-zA-Z0-9_.-]{1,40}_[0-9a-f]{12}$/);
    expect(builderNameFor({})).toMatch(/^kiln_job_[0-9a-f]{12}$/);
  });
});
