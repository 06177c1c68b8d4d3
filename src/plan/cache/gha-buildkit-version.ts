import type { CacheBackend } from "./parse-cache-spec.js";

/** A BuildKit release as major.minor (patches do not change which cache services it speaks). */
export interface BuildkitRelease {
  readonly major: number;
  readonly minor: number;
}

/**
 * The first BuildKit with the GitHub Actions cache service v2 (moby/buildkit v0.20.0 cache/remotecache/gha, through
 * `url_v2`). v1 was shut down on github.com on 2025-04-15, so older builders cannot use `type=gha` there.
 */
export const GHA_V2_BUILDKIT: BuildkitRelease = Object.freeze({ major: 0, minor: 20 });

/**
 * BuildKit vendored by each Docker Engine release line: `github.com/moby/buildkit` in moby/moby's vendor.mod at the
 * `.0` tag (patch releases move BuildKit's patch only; 26.1.1-26.1.5 vendor v0.13.2). Engine 28.0 is the first
 * with v0.20 (v28.0.0: v0.20.0). Only needed for lines older than 28.0, to name the version in the warning.
 */
const engineBuildkit: readonly (readonly [engine: string, buildkit: BuildkitRelease])[] = [
  ["23.0", { major: 0, minor: 10 }],
  ["24.0", { major: 0, minor: 11 }],
  ["25.0", { major: 0, minor: 12 }],
  ["26.0", { major: 0, minor: 13 }],
  ["26.1", { major: 0, minor: 13 }],
  ["27.0", { major: 0, minor: 14 }],
  ["27.1", { major: 0, minor: 15 }],
  ["27.2", { major: 0, minor: 15 }],
  ["27.3", { major: 0, minor: 16 }],
  ["27.4", { major: 0, minor: 17 }],
  ["27.5", { major: 0, minor: 18 }],
];

const atLeast = (v: BuildkitRelease, min: BuildkitRelease): boolean =>
  v.major > min.major || (v.major === min.major && v.minor >= min.minor);
const show = (v: BuildkitRelease): string => `v${v.major}.${v.minor}`;

/**
 * The release in a BuildKit version string ("v0.13.1", "0.20.0-rc1", "v0.21.0+abc"); undefined when it does not
 * parse or is 0.0.0, which is what builds without version stamping report (Debian's Docker daemon: "v0.0.0+unknown").
 */
export function parseBuildkitVersion(version: string): BuildkitRelease | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major === 0 && minor === 0 && patch === 0) return undefined;
  return { major, minor };
}

/**
 * The BuildKit a Docker Engine version ("26.1.5", "26.1.5+dfsg1", "28.0.0-rc.1") embeds: an exact release for lines
 * before 28.0, `atLeast` v0.20 from 28.0 on, undefined for what does not parse. A distribution may build the
 * Engine against another BuildKit (Debian does); the Engine line is still the best evidence the daemon gives.
 */
export function buildkitOfEngine(
  engineVersion: string,
): { readonly release: BuildkitRelease; readonly exact: boolean } | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(engineVersion.trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major >= 28) return { release: GHA_V2_BUILDKIT, exact: false };
  // The newest line at or before this one (an Engine line missing from the table vendors what the one before did).
  let found: BuildkitRelease | undefined;
  for (const [engine, buildkit] of engineBuildkit) {
    const [eMajor, eMinor] = engine.split(".").map(Number) as [number, number];
    if (eMajor < major || (eMajor === major && eMinor <= minor)) found = buildkit;
  }
  // Before 23.0 (BuildKit v0.10): older still, which is all the warning needs to say.
  return { release: found ?? { major: 0, minor: 9 }, exact: found !== undefined };
}

export const usesGhaCache = (entries: readonly CacheBackend[]): boolean => entries.some((e) => e.type === "gha");

/** What the builder says about itself, for {@link ghaCacheWarning}. */
export interface BuilderVersions {
  /** BuildKit's own version, from Control.Info. */
  readonly buildkit: string;
  /** For the Docker daemon's embedded BuildKit: the Engine's version (`GET /info` ServerVersion). */
  readonly dockerEngine?: string | undefined;
}

/**
 * One warning when a builder older than BuildKit v0.20 (or of unknown version) is given `type=gha` cache entries;
 * undefined when the builder is new enough. BuildKit's own version wins when it reports one; the Docker daemon's
 * embedded BuildKit may report "v0.0.0+unknown", and then the Engine's version tells which BuildKit it vendors.
 */
export function ghaCacheWarning(versions: BuilderVersions): string | undefined {
  const needs = `type=gha cache needs BuildKit ${show(GHA_V2_BUILDKIT)} or later (GitHub's cache service v2; v1 was shut down)`;
  const effect = "the gha cache entries will most likely fail and are ignored, so the build runs without that cache";
  const own = parseBuildkitVersion(versions.buildkit);
  if (own) {
    return atLeast(own, GHA_V2_BUILDKIT)
      ? undefined
      : `${needs}; this builder runs BuildKit ${versions.buildkit}: ${effect}`;
  }
  const engine = versions.dockerEngine ? buildkitOfEngine(versions.dockerEngine) : undefined;
  if (engine) {
    if (atLeast(engine.release, GHA_V2_BUILDKIT)) return undefined;
    const vendors = engine.exact ? `BuildKit ${show(engine.release)}` : "a BuildKit older than v0.10";
    const line = versions.dockerEngine!.split(".").slice(0, 2).join(".");
    return (
      `${needs}; this builder is the BuildKit embedded in Docker Engine ${versions.dockerEngine} (it reports its ` +
      `version as "${versions.buildkit || "(empty)"}"; Docker Engine ${line} vendors ${vendors}): ${effect}`
    );
  }
  return (
    `${needs}; could not determine this builder's BuildKit version (it reports "${versions.buildkit || "(empty)"}"): ` +
    `if it is older, the gha cache entries will fail and are ignored`
  );
}
