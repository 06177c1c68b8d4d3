import { describe, expect, test } from "vitest";
import {
  RegistryError,
  formatReference,
  parseReference,
  parseRepository,
  registryApiHost,
} from "../../src/registry/index.js";

const DIGEST = "sha256:" + "a".repeat(64);

describe("parseReference", () => {
  test.each([
    ["alpine", { registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["alpine:3.20", { registry: "docker.io", repository: "library/alpine", tag: "3.20" }],
    ["library/alpine", { registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["docker.io/alpine", { registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["index.docker.io/library/alpine", { registry: "docker.io", repository: "library/alpine", tag: "latest" }],
    ["moby/buildkit:v0.13.2", { registry: "docker.io", repository: "moby/buildkit", tag: "v0.13.2" }],
    ["ghcr.io/o/r/deep/name:v1", { registry: "ghcr.io", repository: "o/r/deep/name", tag: "v1" }],
    ["localhost/foo", { registry: "localhost", repository: "foo", tag: "latest" }],
    ["localhost:5000/foo:bar", { registry: "localhost:5000", repository: "foo", tag: "bar" }],
    ["127.0.0.1:5000/kiln/busybox:latest", { registry: "127.0.0.1:5000", repository: "kiln/busybox", tag: "latest" }],
    ["[::1]:5000/kiln/busybox", { registry: "[::1]:5000", repository: "kiln/busybox", tag: "latest" }],
    ["[::1]/kiln/busybox:t", { registry: "[::1]", repository: "kiln/busybox", tag: "t" }],
    ["Registry.Example/foo", { registry: "Registry.Example", repository: "foo", tag: "latest" }],
    [`alpine@${DIGEST}`, { registry: "docker.io", repository: "library/alpine", digest: DIGEST }],
    [
      `127.0.0.1:5000/kiln/busybox:v1@${DIGEST}`,
      { registry: "127.0.0.1:5000", repository: "kiln/busybox", tag: "v1", digest: DIGEST },
    ],
    ["a.b/c__d/e-f.g/h---i", { registry: "a.b", repository: "c__d/e-f.g/h---i", tag: "latest" }],
  ])("%s is %o", (input, expected) => {
    expect(parseReference(input)).toStrictEqual(expected);
  });

  test.each([
    ["", "reference is empty"],
    ["Alpine", "repository name must be lowercase"],
    ["docker.io/Library/alpine", "repository name must be lowercase"],
    ["alpine:", "invalid tag"],
    ["alpine:-x", "invalid tag"],
    ["alpine@sha256:abc", "invalid digest"],
    ["foo//bar", "invalid repository name"],
    ["ghcr.io/", "invalid repository name"],
    ["-bad.example/x", "invalid registry host"],
    [`a.b/${"x".repeat(260)}`, "longer than 255"],
  ])("%s is rejected: %s", (input, reason) => {
    const err = catchError(() => parseReference(input));
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.code).toBe("invalid");
    expect(err.message).toContain(`failed to parse reference ${JSON.stringify(input)}`);
    expect(err.message).toContain(reason);
  });

  test.each([
    ["alpine", "docker.io/library/alpine:latest"],
    [`x.io/a:t@${DIGEST}`, `x.io/a:t@${DIGEST}`],
    [`x.io/a@${DIGEST}`, `x.io/a@${DIGEST}`],
  ])("%s formats as %s", (input, formatted) => {
    expect(formatReference(parseReference(input))).toBe(formatted);
  });
});

describe("parseRepository", () => {
  test.each([
    ["busybox", { registry: "docker.io", repository: "library/busybox" }],
    ["127.0.0.1:5000/kiln/busybox", { registry: "127.0.0.1:5000", repository: "kiln/busybox" }],
  ])("%s is %o", (input, expected) => {
    expect(parseRepository(input)).toStrictEqual(expected);
  });

  test.each(["busybox:latest", `busybox@${DIGEST}`])("%s is rejected", (input) => {
    expect(() => parseRepository(input)).toThrow(/failed to parse repository/);
  });
});

test.each([
  ["docker.io", "registry-1.docker.io"],
  ["ghcr.io", "ghcr.io"],
  ["127.0.0.1:5000", "127.0.0.1:5000"],
])("the API of %s is served by %s", (registry, host) => {
  expect(registryApiHost(registry)).toBe(host);
});

function catchError(fn: () => unknown): RegistryError {
  try {
    fn();
  } catch (err: unknown) {
    if (err instanceof RegistryError) return err;
    throw err;
  }
  throw new Error("expected a RegistryError");
}
