import { afterEach, describe, expect, test } from "vitest";
import { mkdir, mkdtemp, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openOciLayoutCache, type OciLayoutCache } from "../../../src/buildkit/content-store/oci-layout-cache.js";
import { putTagged, readOciIndex, refNameAnnotation } from "../../../src/buildkit/content-store/oci-layout.js";
import { serve, sha256, type Harness } from "./harness.js";

const INDEX = "application/vnd.oci.image.index.v1+json";
const CACHE_CONFIG = "application/vnd.buildkit.cacheconfig.v0";

const opened: OciLayoutCache[] = [];
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const c of opened.splice(0)) await c.close();
});

async function open(...args: Parameters<typeof openOciLayoutCache>): Promise<OciLayoutCache> {
  const c = await openOciLayoutCache(...args);
  opened.push(c);
  return c;
}

const tmp = (): Promise<string> => mkdtemp(join(tmpdir(), "kiln-lc-"));

/** What the daemon's cache exporter writes (cache/remotecache/export.go): a layer, the config, the manifest. */
async function exportThrough(h: Harness, storeId: string, salt: string): Promise<{ manifest: string; size: number }> {
  const layer = Buffer.from(`layer ${salt}`);
  const config = Buffer.from(JSON.stringify({ layers: [{ blob: sha256(layer) }], salt }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [
        { mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: sha256(layer), size: layer.length },
        { mediaType: CACHE_CONFIG, digest: sha256(config), size: config.length },
      ],
    }),
  );
  for (const [ref, data] of [
    [`layer-${sha256(layer)}`, layer],
    [sha256(config), config],
    [sha256(manifest), manifest],
  ] as const) {
    await h.writeBlob(storeId, ref, data);
  }
  return { manifest: sha256(manifest), size: manifest.length };
}

const response = (digest: string, size: number): Record<string, string> => ({
  "cache.manifest": JSON.stringify({ mediaType: INDEX, digest, size }),
});

describe("openOciLayoutCache", () => {
  test("without local entries it changes nothing and serves nothing", async () => {
    const imports = [{ type: "registry", attrs: { ref: "r/cache" } }];
    const exports = [{ type: "inline", attrs: {} }];
    const c = await open(imports, exports);
    expect(c.cacheImports).toEqual(imports);
    expect(c.cacheExports).toEqual(exports);
    expect(c.attachables).toEqual([]);
    expect(await c.finish(response(sha256("m"), 1))).toEqual([]);
  });

  test("an import gets the digest of the entry with its tag (default latest); the store is served as local:<src>", async () => {
    const dir = await tmp();
    await putTagged(dir, { mediaType: INDEX, digest: sha256("latest"), size: 1 }, "latest");
    await putTagged(dir, { mediaType: INDEX, digest: sha256("main"), size: 1 }, "main");
    const c = await open(
      [
        { type: "local", attrs: { src: dir } },
        { type: "local", attrs: { src: dir, tag: "main" } },
        { type: "local", attrs: { src: dir, digest: sha256("pinned") } },
      ],
      [],
    );
    expect(c.cacheImports).toEqual([
      { type: "local", attrs: { src: dir, digest: sha256("latest") } },
      { type: "local", attrs: { src: dir, tag: "main", digest: sha256("main") } },
      { type: "local", attrs: { src: dir, digest: sha256("pinned") } },
    ]);
    expect(c.notes).toEqual([]);
    expect(c.attachables).toHaveLength(1);
  });

  test.each([
    ["a directory that does not exist", false, "latest", "holds no cache yet (no index.json)"],
    ["an index without the tag", true, "v2", 'has no entry tagged "v2" in index.json'],
  ])("an import from %s is left out with a note", async (_name, withIndex, tag, note) => {
    const dir = join(await tmp(), "cache");
    if (withIndex) {
      await mkdir(dir, { recursive: true });
      await putTagged(dir, { digest: sha256("x"), size: 1 }, "latest");
    }
    const c = await open([{ type: "local", attrs: { src: dir, tag } }], []);
    expect(c.cacheImports).toEqual([]);
    expect(c.notes).toEqual([`local cache ${dir} ${note}; not importing it`]);
    expect(c.attachables).toEqual([]);
  });

  test("an export creates its directory; finish records the manifest under the tag and collects garbage", async () => {
    const dir = join(await tmp(), "new", "cache");
    const c = await open([], [{ type: "local", attrs: { dest: dir, mode: "max", tag: "ci" } }]);
    expect((await stat(dir)).isDirectory()).toBe(true);
    harness = await serve(c.attachables[0]!);
    const first = await exportThrough(harness, `local:${dir}`, "one");
    const [done] = await c.finish(response(first.manifest, first.size));
    expect(done).toEqual({
      dir,
      tag: "ci",
      manifest: { mediaType: INDEX, digest: first.manifest, size: first.size },
      removedBlobs: 0,
      freedBytes: 0,
    });
    const index = await readOciIndex(dir);
    expect(index?.manifests).toEqual([
      { mediaType: INDEX, digest: first.manifest, size: first.size, annotations: { [refNameAnnotation]: "ci" } },
    ]);
    expect(await readdir(join(dir, "blobs", "sha256"))).toHaveLength(3);
    await c.close();
    expect((await readdir(dir)).sort()).toEqual(["blobs", "index.json", "oci-layout"]);
  });

  test("the next export replaces the entry and deletes the previous export's blobs", async () => {
    const dir = await tmp();
    const entries = [{ type: "local", attrs: { dest: dir } }];
    const one = await open([], entries);
    harness = await serve(one.attachables[0]!);
    const first = await exportThrough(harness, `local:${dir}`, "one");
    await one.finish(response(first.manifest, first.size));
    await harness.close();

    const two = await open([], entries);
    harness = await serve(two.attachables[0]!);
    const second = await exportThrough(harness, `local:${dir}`, "two");
    const [done] = await two.finish(response(second.manifest, second.size));
    expect(done?.removedBlobs).toBe(3);
    expect((await readOciIndex(dir))?.manifests.map((m) => m.digest)).toEqual([second.manifest]);
    expect(await readdir(join(dir, "blobs", "sha256"))).toHaveLength(3);
  });

  test("when the response names another exporter's manifest, the one written to this directory is recorded", async () => {
    const dir = await tmp();
    const c = await open([], [{ type: "local", attrs: { dest: dir } }]);
    harness = await serve(c.attachables[0]!);
    const ours = await exportThrough(harness, `local:${dir}`, "local");
    // e.g. cache-to registry listed after local: its manifest wins the merged response.
    const [done] = await c.finish(response(sha256("the registry export's manifest"), 99));
    expect(done?.manifest).toEqual({ mediaType: INDEX, digest: ours.manifest, size: ours.size });
  });

  test("an export the daemon wrote nothing for (ignore-error, empty result) leaves index.json alone", async () => {
    const dir = await tmp();
    const c = await open([], [{ type: "local", attrs: { dest: dir } }]);
    expect(await c.finish(response(sha256("elsewhere"), 1))).toEqual([]);
    expect(await c.finish({})).toEqual([]);
    expect(await readOciIndex(dir)).toBeUndefined();
  });

  test("entries without src or dest are refused as the Go client refuses them", async () => {
    await expect(openOciLayoutCache([{ type: "local", attrs: {} }], [])).rejects.toThrow(
      "local cache importer requires src",
    );
    await expect(openOciLayoutCache([], [{ type: "local", attrs: {} }])).rejects.toThrow(
      "local cache exporter requires dest",
    );
  });
});
