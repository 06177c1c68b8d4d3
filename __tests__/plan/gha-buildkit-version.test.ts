import { describe, expect, test } from "vitest";
import {
  buildkitOfEngine,
  ghaCacheWarning,
  parseBuildkitVersion,
  usesGhaCache,
} from "../../src/plan/cache/gha-buildkit-version.js";

describe("BuildKit's own version", () => {
  test.each([
    ["v0.13.1", { major: 0, minor: 13 }],
    ["0.20.0-rc1", { major: 0, minor: 20 }],
    ["v0.21.1+d8b2c2b4", { major: 0, minor: 21 }],
    ["v1.0.0", { major: 1, minor: 0 }],
    // Builds without version stamping (Debian's Docker daemon) report 0.0.0: unknown, not "very old".
    ["v0.0.0+unknown", undefined],
    ["", undefined],
    ["dev", undefined],
  ])("%s parses as %o", (version, release) => {
    expect(parseBuildkitVersion(version)).toEqual(release);
  });
});

describe("the BuildKit a Docker Engine vendors (moby/moby vendor.mod)", () => {
  test.each([
    ["26.1.5", { major: 0, minor: 13 }, true],
    ["26.1.5+dfsg1", { major: 0, minor: 13 }, true],
    ["27.0.3", { major: 0, minor: 14 }, true],
    ["27.5.1", { major: 0, minor: 18 }, true],
    ["23.0.0", { major: 0, minor: 10 }, true],
    // Before 23.0: older than v0.10, which is all that matters here.
    ["20.10.24", { major: 0, minor: 9 }, false],
    // 28.0 is the first line with BuildKit v0.20.
    ["28.0.0", { major: 0, minor: 20 }, false],
    ["28.0.0-rc.1", { major: 0, minor: 20 }, false],
    ["29.1.2", { major: 0, minor: 20 }, false],
  ])("Docker Engine %s: %o", (engine, release, exact) => {
    expect(buildkitOfEngine(engine)).toEqual({ release, exact });
  });

  test("an Engine version that does not parse gives nothing", () => {
    expect(buildkitOfEngine("master-dockerproject")).toBeUndefined();
  });
});

describe("the warning for a gha cache on a builder older than v0.20", () => {
  test.each([
    ["a BuildKit that says v0.20.0", { buildkit: "v0.20.0" }],
    ["a BuildKit that says v0.22.1", { buildkit: "v0.22.1" }],
    ["an embedded BuildKit of unknown version in Docker 28.0", { buildkit: "v0.0.0+unknown", dockerEngine: "28.0.4" }],
    // BuildKit's own version wins over the Engine's.
    ["an embedded BuildKit v0.20 in an Engine that says 27.5", { buildkit: "v0.20.2", dockerEngine: "27.5.1" }],
  ])("none for %s", (_name, versions) => {
    expect(ghaCacheWarning(versions)).toBeUndefined();
  });

  test("names the version BuildKit reports", () => {
    expect(ghaCacheWarning({ buildkit: "v0.19.4" })).toBe(
      "type=gha cache needs BuildKit v0.20 or later (GitHub's cache service v2; v1 was shut down); this builder " +
        "runs BuildKit v0.19.4: the gha cache entries will most likely fail and are ignored, so the build runs " +
        "without that cache",
    );
  });

  test("derives the version from the Docker Engine when the embedded BuildKit says v0.0.0+unknown", () => {
    const warning = ghaCacheWarning({ buildkit: "v0.0.0+unknown", dockerEngine: "26.1.5+dfsg1" });
    expect(warning).toContain("needs BuildKit v0.20 or later");
    expect(warning).toContain(
      'the BuildKit embedded in Docker Engine 26.1.5+dfsg1 (it reports its version as "v0.0.0+unknown"; ' +
        "Docker Engine 26.1 vendors BuildKit v0.13)",
    );
  });

  test.each([
    ["no Engine version (a remote builder)", { buildkit: "v0.0.0+unknown" }],
    ["an Engine version that does not parse", { buildkit: "", dockerEngine: "dev" }],
  ])("says the version could not be determined with %s", (_name, versions) => {
    expect(ghaCacheWarning(versions)).toMatch(
      /needs BuildKit v0\.20 or later .*; could not determine this builder's BuildKit version \(it reports "(v0\.0\.0\+unknown|\(empty\))"\)/,
    );
  });

  test("only gha entries call for the check", () => {
    expect(usesGhaCache([{ type: "registry", ref: "r/c", extra: {} }])).toBe(false);
    expect(
      usesGhaCache([
        { type: "inline", extra: {} },
        { type: "gha", scope: "s", token: "t", url: "u", version: 2, extra: {} },
      ]),
    ).toBe(true);
  });
});
