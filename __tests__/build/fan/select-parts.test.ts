import { describe, expect, test } from "vitest";
import { parsePartRecord, partName, PART_RECORD_KIND, type PartRecord } from "../../../src/build/fan/part-record.js";
import { selectParts, type FoundPart } from "../../../src/build/fan/select-parts.js";

const IMAGE = "ghcr.io/o/app";
const BASE = "docker.io/library/alpine:3.20";

function part(
  platform: string,
  over: { commit?: string; attempt?: number; created?: string; basePin?: string; image?: string; runId?: string } = {},
): FoundPart {
  const record: PartRecord = {
    kind: PART_RECORD_KIND,
    version: 1,
    image: over.image ?? IMAGE,
    commit: over.commit ?? "c1",
    run: { id: over.runId ?? "7", attempt: over.attempt ?? 1 },
    created: over.created ?? "2026-01-01T00:00:00Z",
    pushed: `${IMAGE}@sha256:${platform.length}`,
    digests: { [platform]: `sha256:${platform}` },
    attestations: {},
    manifests: [],
    buildinfo: { [platform]: { sources: [{ type: "docker-image", ref: BASE, pin: over.basePin ?? "sha256:b1" }] } },
    builder: { driver: "docker", endpoint: "x", buildkitVersion: "v0.20.0", emulated: [] },
    runner: { name: "r", os: "Linux", arch: "X64" },
    durationMs: 1,
    cacheStats: { cached: 0, total: 1 },
  };
  return { source: `${platform}@${over.attempt ?? 1}`, record };
}

const opts = { image: IMAGE, platforms: ["linux/amd64", "linux/arm64"] };

describe("selectParts", () => {
  test("joins one part per platform in the order asked for, whatever order they came in", () => {
    const got = selectParts([part("linux/arm64"), part("linux/amd64")], opts);
    expect(got.map((p) => Object.keys(p.record.digests)[0])).toEqual(["linux/amd64", "linux/arm64"]);
  });

  test("a re-run leg's part (higher attempt) replaces the failed attempt's", () => {
    const old = part("linux/arm64", { attempt: 1, created: "2026-01-02T00:00:00Z" });
    const rerun = part("linux/arm64", { attempt: 2, created: "2026-01-01T00:00:00Z" });
    const got = selectParts([rerun, part("linux/amd64"), old], opts);
    expect(got).toContain(rerun);
    expect(got).not.toContain(old);
  });

  test.each([
    ["no parts at all", [], /^fan-in: found no part records/],
    ["a missing platform", [part("linux/amd64")], /^fan-in: no part holds linux\/arm64 \(found linux\/amd64\)/],
    [
      "a part from another commit",
      [part("linux/amd64"), part("linux/arm64", { commit: "c2" })],
      /^fan-in: linux\/arm64@1 was built from commit c2, not c1/,
    ],
    [
      "one platform twice in the same attempt",
      [part("linux/amd64"), part("linux/amd64", { created: "2026-01-03T00:00:00Z" }), part("linux/arm64")],
      /^fan-in: linux\/amd64 was built twice in the same run attempt/,
    ],
    [
      "a base image pinned differently by two legs",
      [part("linux/amd64"), part("linux/arm64", { basePin: "sha256:b2" })],
      /^fan-in: docker\.io\/library\/alpine:3\.20 resolved to sha256:b1 for linux\/amd64 .* but to sha256:b2 for linux\/arm64/,
    ],
    [
      "parts of another image only",
      [part("linux/amd64", { image: "ghcr.io/o/other" })],
      /^fan-in: no part of ghcr\.io\/o\/app \(found parts of ghcr\.io\/o\/other\)/,
    ],
  ])("refuses %s", (_name, parts, message) => {
    expect(() => selectParts(parts, opts)).toThrow(message);
  });

  test("checks the parts against the commit being merged when one is given", () => {
    expect(() => selectParts([part("linux/amd64"), part("linux/arm64")], { ...opts, commit: "c9" })).toThrow(
      /built from commit c1, not c9/,
    );
  });
});

describe("part records", () => {
  test("round-trip through JSON, and the file name carries the platforms", () => {
    const { record } = part("linux/arm64/v8");
    expect(parsePartRecord(JSON.stringify(record), "f.json")).toEqual(record);
    expect(partName(["linux/arm64/v8"])).toBe("linux_arm64_v8");
    expect(partName(["linux/amd64", "linux/386"])).toBe("linux_amd64-linux_386");
  });

  test("version 1 with and without what the attestations hold (a record from before the field still reads)", () => {
    const { record } = part("linux/amd64");
    const attested = { ...record, attested: { sbom: true, provenance: true } };
    expect(parsePartRecord(JSON.stringify(attested), "f.json").attested).toEqual({ sbom: true, provenance: true });
    expect(parsePartRecord(JSON.stringify(record), "f.json").attested).toBeUndefined();
  });

  test.each([
    ["not JSON", "{", /f\.json is not a Kiln part record: not JSON/],
    ["another kind", "{}", /expected "kind": "kiln\.fan-out\.part"/],
    ["a newer version", JSON.stringify({ ...part("linux/amd64").record, version: 2 }), /expected version 1, got 2/],
    ["no platform", JSON.stringify({ ...part("linux/amd64").record, digests: {} }), /it names no platform/],
    [
      "attested without booleans",
      JSON.stringify({ ...part("linux/amd64").record, attested: { sbom: "yes", provenance: true } }),
      /"attested" is not \{"sbom": boolean, "provenance": boolean\}/,
    ],
  ])("refuses %s in one line", (_name, text, message) => {
    expect(() => parsePartRecord(text, "f.json")).toThrow(message);
  });
});
