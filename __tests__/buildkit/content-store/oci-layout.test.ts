import { describe, expect, test } from "vitest";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  collectGarbage,
  findTagged,
  putTagged,
  reachableBlobs,
  readOciIndex,
  refNameAnnotation,
  type OciDescriptor,
} from "../../../src/buildkit/content-store/oci-layout.js";
import { BuildkitError } from "../../../src/buildkit/errors.js";
import { sha256 } from "./harness.js";

const INDEX = "application/vnd.oci.image.index.v1+json";
const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const CACHE_CONFIG = "application/vnd.buildkit.cacheconfig.v0";
const LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

const layoutDir = (): Promise<string> => mkdtemp(join(tmpdir(), "kiln-layout-"));

/** Stores `content` as a blob and returns its descriptor. */
async function blob(dir: string, content: string | object, mediaType?: string): Promise<OciDescriptor> {
  const text = typeof content === "string" ? content : JSON.stringify(content);
  const digest = sha256(text);
  await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
  await writeFile(join(dir, "blobs", "sha256", digest.slice(7)), text);
  return { ...(mediaType ? { mediaType } : {}), digest, size: Buffer.byteLength(text) };
}

/** A BuildKit-style cache manifest: an OCI index listing layers and the cache config. */
async function cacheManifest(dir: string, salt: string): Promise<{ desc: OciDescriptor; parts: string[] }> {
  const layer = await blob(dir, `layer ${salt}`, LAYER);
  const config = await blob(dir, { layers: [{ blob: layer.digest }], salt }, CACHE_CONFIG);
  const desc = await blob(dir, { schemaVersion: 2, mediaType: INDEX, manifests: [layer, config] }, INDEX);
  return { desc, parts: [desc.digest, layer.digest, config.digest] };
}

const blobsIn = async (dir: string): Promise<string[]> =>
  (await readdir(join(dir, "blobs", "sha256")))
    .filter((h) => /^[0-9a-f]{64}$/.test(h))
    .map((h) => `sha256:${h}`)
    .sort();

describe("index.json", () => {
  test("a directory without index.json reads as undefined; a file that is not an index is an error", async () => {
    const dir = await layoutDir();
    expect(await readOciIndex(dir)).toBeUndefined();
    await writeFile(join(dir, "index.json"), "{not json");
    await expect(readOciIndex(dir)).rejects.toThrow(BuildkitError);
    await writeFile(join(dir, "index.json"), JSON.stringify({ manifests: "nope" }));
    await expect(readOciIndex(dir)).rejects.toThrow(/index\.json: not an OCI image index/);
  });

  test("putTagged writes oci-layout and an index whose entry carries the tag as ref.name", async () => {
    const dir = await layoutDir();
    const desc: OciDescriptor = { mediaType: INDEX, digest: sha256("m"), size: 1 };
    await putTagged(dir, desc, "latest");
    expect(JSON.parse(await readFile(join(dir, "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    expect(JSON.parse(await readFile(join(dir, "index.json"), "utf8"))).toEqual({
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [{ ...desc, annotations: { [refNameAnnotation]: "latest" } }],
    });
    expect(await readdir(dir)).toEqual(["index.json", "oci-layout"]);
  });

  test("putTagged replaces the entry with the same tag, keeps other tags and unknown fields", async () => {
    const dir = await layoutDir();
    await writeFile(
      join(dir, "index.json"),
      JSON.stringify({
        schemaVersion: 2,
        annotations: { keep: "me" },
        manifests: [
          { digest: sha256("old"), size: 1, annotations: { [refNameAnnotation]: "latest" } },
          { digest: sha256("other"), size: 1, annotations: { [refNameAnnotation]: "main" } },
          { digest: sha256("untagged"), size: 1 },
        ],
      }),
    );
    const index = await putTagged(dir, { mediaType: INDEX, digest: sha256("new"), size: 1 }, "latest");
    expect(index.annotations).toEqual({ keep: "me" });
    expect(index.manifests.map((m) => m.digest)).toEqual([sha256("other"), sha256("untagged"), sha256("new")]);
    expect(findTagged(index, "latest")?.digest).toBe(sha256("new"));
    expect(findTagged(index, "main")?.digest).toBe(sha256("other"));
    expect(findTagged(index, "nope")).toBeUndefined();
    expect(await readOciIndex(dir)).toEqual(index);
  });
});

describe("reachability and garbage collection", () => {
  test("reachableBlobs follows indexes and manifests to configs, layers and subjects", async () => {
    const dir = await layoutDir();
    const layer = await blob(dir, "layer", LAYER);
    const config = await blob(dir, { c: 1 }, "application/vnd.oci.image.config.v1+json");
    const subject = await blob(dir, { s: 1 }, MANIFEST);
    const manifest = await blob(dir, { schemaVersion: 2, config, layers: [layer], subject }, MANIFEST);
    const index = await blob(dir, { schemaVersion: 2, manifests: [manifest] }, INDEX);
    const absent: OciDescriptor = { mediaType: LAYER, digest: sha256("absent"), size: 1 };
    const reach = await reachableBlobs(dir, { schemaVersion: 2, manifests: [index, absent] });
    expect([...reach].sort()).toEqual([index, manifest, config, layer, subject, absent].map((d) => d.digest).sort());
  });

  test("a manifest that cannot be parsed stops the walk with an error instead of guessing", async () => {
    const dir = await layoutDir();
    const broken = await blob(dir, "{oops", MANIFEST);
    await expect(reachableBlobs(dir, { schemaVersion: 2, manifests: [broken] })).rejects.toThrow(
      /failed to read application\/vnd\.oci\.image\.manifest\.v1\+json sha256:/,
    );
  });

  test("collectGarbage deletes what no tag reaches and keeps every tag's blobs", async () => {
    const dir = await layoutDir();
    const a = await cacheManifest(dir, "a");
    const b = await cacheManifest(dir, "b");
    const stale = await cacheManifest(dir, "stale");
    await putTagged(dir, a.desc, "a");
    await putTagged(dir, b.desc, "b");
    await writeFile(join(dir, "blobs", "sha256", "README"), "not a digest, not ours to delete");

    const gc = await collectGarbage(dir);
    expect(gc.removedBlobs).toBe(stale.parts.length);
    expect(gc.freedBytes).toBeGreaterThan(0);
    expect(await blobsIn(dir)).toEqual([...a.parts, ...b.parts].sort());
    expect(await readdir(join(dir, "blobs", "sha256"))).toContain("README");
  });

  test("collectGarbage deletes nothing without an index.json", async () => {
    const dir = await layoutDir();
    const only = await cacheManifest(dir, "x");
    expect(await collectGarbage(dir)).toEqual({ removedBlobs: 0, freedBytes: 0 });
    expect(await blobsIn(dir)).toEqual([...only.parts].sort());
  });
});
