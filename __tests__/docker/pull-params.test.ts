import { describe, expect, it } from "vitest";
import { pullParams } from "../../src/docker/index.js";

describe("pullParams", () => {
  it.each([
    ["moby/buildkit", { fromImage: "moby/buildkit", tag: "latest" }],
    ["moby/buildkit:v0.13.1", { fromImage: "moby/buildkit", tag: "v0.13.1" }],
    ["127.0.0.1:5000/kiln/busybox", { fromImage: "127.0.0.1:5000/kiln/busybox", tag: "latest" }],
    ["127.0.0.1:5000/kiln/busybox:1", { fromImage: "127.0.0.1:5000/kiln/busybox", tag: "1" }],
    [`moby/buildkit:v1@sha256:${"a".repeat(64)}`, { fromImage: "moby/buildkit", tag: `sha256:${"a".repeat(64)}` }],
    [`localhost:5000/x@sha256:${"b".repeat(64)}`, { fromImage: "localhost:5000/x", tag: `sha256:${"b".repeat(64)}` }],
  ])("splits %s (a digest wins over a tag)", (ref, expected) => {
    expect(pullParams(ref)).toEqual(expected);
  });
});
