import { describe, expect, test } from "vitest";
import {
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformKey,
  samePlatform,
  type Platform,
} from "../../src/shared/platform.js";

test.each<[Platform, string]>([
  [{ os: "linux", architecture: "amd64" }, "linux/amd64"],
  [{ os: "linux", architecture: "arm", variant: "v6" }, "linux/arm/v6"],
  [{ os: "linux", architecture: "arm", variant: "v7" }, "linux/arm/v7"],
  [{ os: "windows", architecture: "amd64" }, "windows/amd64"],
])("%j formats as %s and parses back", (platform, text) => {
  expect(formatPlatform(platform)).toBe(text);
  const { os, architecture, variant } = platform;
  expect(parsePlatform(text)).toStrictEqual({ os, architecture, ...(variant === undefined ? {} : { variant }) });
});

test.each(["linux", "linux/", "/amd64", "a/b/c/d", "linux/amd65"])("parsePlatform rejects %j", (text) => {
  expect(parsePlatform(text)).toBeUndefined();
});

describe("normalizePlatform (containerd's aliases)", () => {
  test.each([
    ["linux/amd64", "linux/amd64"],
    ["linux/x86_64", "linux/amd64"],
    ["linux/amd64/v1", "linux/amd64"],
    ["linux/amd64/v3", "linux/amd64/v3"],
    ["linux/aarch64", "linux/arm64"],
    ["linux/arm64/v8", "linux/arm64"],
    ["linux/arm", "linux/arm/v7"],
    ["linux/arm/v6", "linux/arm/v6"],
    ["Linux/ARM64", "linux/arm64"],
  ])("%s is %s", (input, expected) => {
    expect(normalizePlatform(input)).toBe(expected);
  });

  test.each(["", "linux", "linux/", "a/b/c/d", "linux/arm 64"])("%j is not a platform", (input) => {
    expect(normalizePlatform(input)).toBeUndefined();
  });

  test.each([
    ["linux/i386", "linux/386"],
    ["linux/i686", "linux/386"],
    ["linux/armhf", "linux/arm/v7"],
    ["linux/armel", "linux/arm/v6"],
    ["linux/arm64/v9.0", "linux/arm64/v9"],
  ])("the alias %s is %s", (input, expected) => {
    expect(normalizePlatform(input)).toBe(expected);
  });
});

describe("comparison", () => {
  test("aliases compare equal; strings that are no platform compare as written", () => {
    expect(samePlatform("linux/aarch64", "linux/arm64/v8")).toBe(true);
    expect(samePlatform("linux/arm", "linux/arm/v6")).toBe(false);
    expect(platformKey("not a platform")).toBe("not a platform");
  });
});
