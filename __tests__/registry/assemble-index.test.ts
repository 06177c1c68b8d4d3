import { describe, expect, test } from "vitest";
import {
  ATTESTATION_MANIFEST_TYPE,
  ATTESTATION_REFERENCE_DIGEST_ANNOTATION,
  ATTESTATION_REFERENCE_TYPE_ANNOTATION,
  MediaType,
  assembleIndex,
  describeIndex,
  parseManifest,
  sha256Digest,
  type Descriptor,
} from "../../src/registry/index.js";

const d = (n: string): string => `sha256:${n.repeat(64)}`;
const amd64: Descriptor = {
  mediaType: MediaType.OciManifest,
  digest: d("1"),
  size: 500,
  platform: { os: "linux", architecture: "amd64" },
};
const arm64: Descriptor = {
  platform: { variant: "v8", architecture: "arm64", os: "linux" },
  size: 501,
  digest: d("2"),
  mediaType: MediaType.OciManifest,
};
const attestation: Descriptor = {
  mediaType: MediaType.OciManifest,
  digest: d("3"),
  size: 840,
  annotations: {
    [ATTESTATION_REFERENCE_DIGEST_ANNOTATION]: d("1"),
    [ATTESTATION_REFERENCE_TYPE_ANNOTATION]: ATTESTATION_MANIFEST_TYPE,
  },
  platform: { os: "unknown", architecture: "unknown" },
};

describe("assembleIndex", () => {
  test("builds an OCI index in the given order with canonical field order, and its descriptor", () => {
    const { index, bytes, descriptor } = assembleIndex([amd64, arm64, attestation], { annotations: { a: "b" } });
    expect(index.manifests.map((m) => m.digest)).toStrictEqual([d("1"), d("2"), d("3")]);
    expect(bytes.toString()).toBe(
      `{"schemaVersion":2,"mediaType":"${MediaType.OciIndex}","manifests":[` +
        `{"mediaType":"${MediaType.OciManifest}","digest":"${d("1")}","size":500,"platform":{"os":"linux","architecture":"amd64"}},` +
        `{"mediaType":"${MediaType.OciManifest}","digest":"${d("2")}","size":501,"platform":{"variant":"v8","architecture":"arm64","os":"linux"}},` +
        `{"mediaType":"${MediaType.OciManifest}","digest":"${d("3")}","size":840,"annotations":{"${ATTESTATION_REFERENCE_DIGEST_ANNOTATION}":"${d("1")}","${ATTESTATION_REFERENCE_TYPE_ANNOTATION}":"${ATTESTATION_MANIFEST_TYPE}"},"platform":{"os":"unknown","architecture":"unknown"}}` +
        `],"annotations":{"a":"b"}}`,
    );
    expect(descriptor).toStrictEqual({
      mediaType: MediaType.OciIndex,
      digest: sha256Digest(bytes),
      size: bytes.length,
    });
    expect(parseManifest(bytes, MediaType.OciIndex)).toStrictEqual({
      kind: "index",
      mediaType: MediaType.OciIndex,
      json: index,
    });
  });

  test.each<[string, Descriptor[], RegExp]>([
    ["no manifests", [], /no manifests/],
    ["a duplicate", [amd64, amd64], /listed twice/],
    ["an image without platform", [{ mediaType: MediaType.OciManifest, digest: d("4"), size: 1 }], /has no platform/],
    ["an attestation for an absent image", [arm64, attestation], /refers to sha256:1+, which is not in the index/],
    ["a nested index", [{ ...amd64, mediaType: MediaType.OciIndex }], /nested indexes/],
    ["a bad digest", [{ ...amd64, digest: "sha256" }], /manifests\[0\] is not a valid descriptor/],
    ["a negative size", [{ ...amd64, size: -1 }], /manifests\[0\] is not a valid descriptor/],
  ])("rejects %s", (_name, manifests, reason) => {
    expect(() => assembleIndex(manifests)).toThrow(
      expect.objectContaining({ code: "invalid", message: expect.stringMatching(reason) }),
    );
  });
});

test("describeIndex pairs platform images with their attestation manifests", () => {
  const { index } = assembleIndex([amd64, arm64, attestation]);
  expect(describeIndex(index)).toStrictEqual({
    manifests: [
      { platform: amd64.platform, descriptor: amd64, attestation },
      { platform: arm64.platform, descriptor: arm64 },
    ],
    attestations: [{ descriptor: attestation, subjectDigest: d("1") }],
  });
});

describe("parseManifest", () => {
  const image = { schemaVersion: 2, config: { mediaType: MediaType.OciConfig, digest: d("5"), size: 2 }, layers: [] };
  test.each<[string, unknown, string | undefined, string]>([
    ["Content-Type decides", image, `${MediaType.DockerManifest}; charset=utf-8`, "image"],
    [
      "the mediaType field when the header is generic",
      { ...image, mediaType: MediaType.OciManifest },
      "application/json",
      "image",
    ],
    ["the shape when neither says", image, undefined, "image"],
    ["an index by shape", { schemaVersion: 2, manifests: [] }, undefined, "index"],
    ["a Docker manifest list", { schemaVersion: 2, manifests: [] }, MediaType.DockerManifestList, "index"],
  ])("%s", (_name, json, contentType, kind) => {
    expect(parseManifest(Buffer.from(JSON.stringify(json)), contentType).kind).toBe(kind);
  });

  test.each<[string, string, RegExp]>([
    ["not JSON", "{", /not JSON/],
    [
      "schema 1",
      JSON.stringify({ schemaVersion: 1, fsLayers: [] }),
      /schemaVersion 1 \(schema 1: ask for the stored media type/,
    ],
    [
      "a layer without digest",
      JSON.stringify({ ...image, layers: [{ mediaType: "x", size: 1 }] }),
      /layers\[0\] is not a valid descriptor/,
    ],
    [
      "a platform without os",
      JSON.stringify({ schemaVersion: 2, manifests: [{ ...amd64, platform: { architecture: "amd64" } }] }),
      /platform needs os/,
    ],
  ])("rejects %s", (_name, text, reason) => {
    expect(() => parseManifest(Buffer.from(text))).toThrow(
      expect.objectContaining({ code: "invalid", message: expect.stringMatching(reason) }),
    );
  });
});
