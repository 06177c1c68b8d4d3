import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BuildkitError, Code } from "../../src/buildkit/index.js";
import { toOutputs } from "../../src/build/outputs.js";
import { explainUnsupportedCall } from "../../src/build/run-call.js";
import { BuildRecord } from "../../src/progress/build-record.js";

// The metadata BuildKit v0.26.3 answered frontend.targets with (see __tests__/buildkit/gateway/call-document.test.ts).
const targets = JSON.parse(
  readFileSync(new URL("../buildkit/gateway/fixtures/targets-v0.26.json", import.meta.url), "utf8"),
) as Record<string, string>;

describe("outputs of call: targets", () => {
  test("metadata holds the answer as buildx's metadata file does (result.json parsed), and there is no digest", () => {
    const outputs = toOutputs({
      builder: { driver: "remote", endpoint: "unix:///run/buildkitd.sock", buildkitVersion: "v0.26.3", emulated: [] },
      exporterResponse: targets,
      pushed: undefined,
      record: new BuildRecord(),
      transfers: [],
      durationMs: 800,
      notes: [],
    });
    expect(JSON.parse(outputs["metadata"]!)).toEqual({
      "result.json": JSON.parse(targets["result.json"]!),
      "result.txt": targets["result.txt"],
      version: "1.0.0",
    });
    expect([outputs["digest"], outputs["imageid"]]).toEqual(["", ""]);
  });
});

describe("explainUnsupportedCall", () => {
  test("says what a frontend without the request needs, in one line", () => {
    const err = new BuildkitError("failed to solve: unsupported request frontend.outline", Code.Unknown);
    expect(explainUnsupportedCall(err, "outline", "BuildKit v0.10.6")?.message).toBe(
      'call: outline needs a Dockerfile frontend that answers frontend.outline (BuildKit v0.11 or later, or "# syntax=docker/dockerfile:1.5" in the Dockerfile); BuildKit v0.10.6 answered: failed to solve: unsupported request frontend.outline',
    );
  });

  test("leaves any other failure as it is", () => {
    const err = new BuildkitError("failed to solve: unsupported request frontend.outline", Code.Unknown);
    expect(explainUnsupportedCall(err, "targets", "BuildKit v0.10.6")).toBeUndefined();
    expect(explainUnsupportedCall(new Error("unsupported request frontend.targets"), "targets", "x")).toBeUndefined();
  });
});
