import { describe, expect, test } from "vitest";
import { exportedDescriptor, indexDigests, mergeIndex, type PushedPart } from "../../src/builder/nodes/index.js";
import { MediaType, describeIndex, parseManifest, sha256Digest, type Descriptor } from "../../src/registry/index.js";
import { thrown } from "./thrown.js";

const d = (n: string): string => `sha256:${n.repeat(64)}`;
const image = (n: string, platform: string): Descriptor => {
  const [os = "", architecture = "", variant] = platform.split("/");
  return {
    mediaType: MediaType.OciManifest,
    digest: d(n),
    size: 1000 + Number.parseInt(n, 16),
    platform: variant === undefined ? { os, architecture } : { os, architecture, variant },
  };
};
// As BuildKit v0.13 writes them in a pushed index (exporter/containerimage/attestations.go).
const attestation = (n: string, subject: string): Descriptor => ({
  mediaType: MediaType.OciManifest,
  digest: d(n),
  size: 837,
  annotations: { "vnd.docker.reference.digest": d(subject), "vnd.docker.reference.type": "attestation-manifest" },
  platform: { architecture: "unknown", os: "unknown" },
});

const amd64Part: PushedPart = {
  node: "the default builder",
  platforms: ["linux/amd64"],
  manifests: [image("1", "linux/amd64"), attestation("a", "1")],
};
const armPart: PushedPart = {
  node: "tcp://arm:1234",
  platforms: ["linux/arm64", "linux/arm/v7"],
  // Out of order on purpose: the merged index follows the requested order.
  manifests: [image("3", "linux/arm/v7"), image("2", "linux/arm64"), attestation("c", "3"), attestation("b", "2")],
};

describe("mergeIndex", () => {
  test("lays out images in requested order, then each image's attestation, as BuildKit does", () => {
    const merged = mergeIndex([amd64Part, armPart]);
    expect(merged.index.mediaType).toBe(MediaType.OciIndex);
    expect(merged.index.manifests.map((m) => m.digest)).toEqual([d("1"), d("2"), d("3"), d("a"), d("b"), d("c")]);
    expect(merged.index.manifests[3]).toEqual(attestation("a", "1"));
    // The bytes are the index, and the descriptor points at them.
    expect(merged.descriptor).toEqual({
      mediaType: MediaType.OciIndex,
      digest: sha256Digest(merged.bytes),
      size: merged.bytes.byteLength,
    });
    const parsed = parseManifest(merged.bytes);
    expect(parsed.kind).toBe("index");
    const view = describeIndex(merged.index);
    expect(view.manifests.map((m) => [m.descriptor.digest, m.attestation?.digest])).toEqual([
      [d("1"), d("a")],
      [d("2"), d("b")],
      [d("3"), d("c")],
    ]);
  });

  test("keeps BuildKit's descriptor field order, so the same parts give the same bytes", () => {
    const merged = mergeIndex([amd64Part]);
    expect(merged.bytes.toString()).toBe(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: d("1"),
            size: 1001,
            platform: { os: "linux", architecture: "amd64" },
          },
          {
            mediaType: MediaType.OciManifest,
            digest: d("a"),
            size: 837,
            annotations: { "vnd.docker.reference.digest": d("1"), "vnd.docker.reference.type": "attestation-manifest" },
            platform: { architecture: "unknown", os: "unknown" },
          },
        ],
      }),
    );
    expect(mergeIndex([amd64Part]).bytes.equals(merged.bytes)).toBe(true);
  });

  test("takes single manifests (parts built without attestations) and index annotations", () => {
    const docker: Descriptor = { ...image("1", "linux/amd64"), mediaType: MediaType.DockerManifest };
    const merged = mergeIndex(
      [
        { node: "a", platforms: ["linux/amd64"], manifests: [docker] },
        { node: "b", platforms: ["linux/arm64"], manifests: [image("2", "linux/arm64")] },
      ],
      { annotations: { "org.opencontainers.image.source": "https://github.com/octo/app" } },
    );
    expect(merged.index.manifests.map((m) => m.mediaType)).toEqual([MediaType.DockerManifest, MediaType.OciManifest]);
    expect(merged.index.annotations).toEqual({ "org.opencontainers.image.source": "https://github.com/octo/app" });
  });

  test("matches platforms across aliases (a node may report arm64/v8)", () => {
    const merged = mergeIndex([{ node: "a", platforms: ["linux/arm64"], manifests: [image("2", "linux/arm64/v8")] }]);
    expect(merged.index.manifests[0]?.platform).toEqual({ os: "linux", architecture: "arm64", variant: "v8" });
  });

  test("a part without platforms (the builder's own) is taken as it comes", () => {
    expect(
      mergeIndex([{ node: "a", platforms: [], manifests: [image("1", "linux/amd64")] }]).index.manifests,
    ).toHaveLength(1);
  });

  test.each<[string, PushedPart[], string]>([
    [
      "a platform built twice",
      [amd64Part, { ...amd64Part, node: "tcp://other:1", manifests: [image("4", "linux/amd64")] }],
      "linux/amd64 was built twice, by the default builder and by tcp://other:1",
    ],
    [
      "a missing platform",
      [{ ...armPart, manifests: [image("2", "linux/arm64")] }],
      "tcp://arm:1234 pushed no manifest for linux/arm/v7",
    ],
    [
      "a platform nobody asked for",
      [{ ...amd64Part, manifests: [image("5", "linux/s390x")] }],
      "the default builder built linux/s390x, but was asked for linux/amd64",
    ],
    [
      "an image without platform",
      [{ node: "a", platforms: [], manifests: [{ mediaType: MediaType.OciManifest, digest: d("1"), size: 1 }] }],
      `a pushed manifest ${d("1")} without a platform`,
    ],
    [
      "two images of one platform",
      [{ node: "a", platforms: [], manifests: [image("1", "linux/amd64"), image("2", "linux/amd64")] }],
      "a pushed two manifests for linux/amd64",
    ],
    [
      "an attestation of another part's image",
      [amd64Part, { ...armPart, manifests: [...armPart.manifests, attestation("d", "1")] }],
      `tcp://arm:1234 pushed attestation manifest ${d("d")} for ${d("1")}, which it did not build`,
    ],
    [
      "a part with attestations only",
      [{ node: "a", platforms: [], manifests: [attestation("a", "1")] }],
      "a pushed no image manifest",
    ],
    ["no parts", [], "no parts"],
  ])("refuses %s", (_, parts, reason) => {
    const err = thrown(() => mergeIndex(parts));
    expect(err.message).toBe(`failed to merge per-platform results into one index: ${reason}`);
  });
});

describe("indexDigests", () => {
  test("maps platforms to image and attestation digests", () => {
    expect(indexDigests(mergeIndex([amd64Part, armPart]).index.manifests)).toEqual({
      digests: { "linux/amd64": d("1"), "linux/arm64": d("2"), "linux/arm/v7": d("3") },
      attestations: { "linux/amd64": d("a"), "linux/arm64": d("b"), "linux/arm/v7": d("c") },
    });
  });
});

describe("exportedDescriptor reads containerimage.descriptor", () => {
  const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString("base64");

  test("an index, as a solve with attestations answers (one platform included)", () => {
    const descriptor = { mediaType: MediaType.OciIndex, digest: d("f"), size: 856 };
    expect(
      exportedDescriptor({ "containerimage.descriptor": b64(descriptor), "containerimage.digest": d("f") }),
    ).toEqual(descriptor);
  });

  test("a single manifest with its platform, as a solve without attestations answers", () => {
    const descriptor = { ...image("1", "linux/amd64"), mediaType: MediaType.DockerManifest };
    expect(exportedDescriptor({ "containerimage.descriptor": b64(descriptor) })).toEqual(descriptor);
  });

  test("absent: undefined (the caller falls back to containerimage.digest)", () => {
    expect(exportedDescriptor({ "containerimage.digest": d("f") })).toBeUndefined();
  });

  test.each([
    ["not base64 JSON", "%%%", "failed to read the exporter's containerimage.descriptor: not base64 JSON"],
    [
      "not a descriptor",
      b64({ digest: 1 }),
      "failed to read the exporter's containerimage.descriptor: not a descriptor",
    ],
    ["null", b64(null), "failed to read the exporter's containerimage.descriptor: not a descriptor"],
  ])("refuses %s", (_, raw, message) => {
    expect(() => exportedDescriptor({ "containerimage.descriptor": raw })).toThrow(message);
  });
});
