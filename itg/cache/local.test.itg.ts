import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildkitClient, type OciIndex } from "../../src/buildkit/index.js";
import { dockerEndpoint } from "../../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../../src/docker/index.js";
import { docker, loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";
import { cacheBuild, cacheContext, pruneBuildCache, stepsAfterFrom, STEPS_AFTER_FROM } from "./cache-fixture.js";

let env: StackEnv;
let client: BuildkitClient;

beforeAll(async () => {
  env = await loadStackEnv();
  client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(env.DOCKER_HOST)));
});
afterAll(async () => {
  await client?.close();
});

const newCacheDir = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), "kiln-local-cache-")), "cache");
const readIndex = async (dir: string): Promise<OciIndex> =>
  JSON.parse(await readFile(join(dir, "index.json"), "utf8")) as OciIndex;
const blobsIn = async (dir: string): Promise<string[]> =>
  (await readdir(join(dir, "blobs", "sha256"))).map((hex) => `sha256:${hex}`).sort();
const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Every digest an index.json entry reaches through its cache manifest (an OCI index of layers and config). */
async function reachable(dir: string): Promise<string[]> {
  const out = new Set<string>();
  for (const m of (await readIndex(dir)).manifests) {
    out.add(m.digest);
    const doc = JSON.parse(await readFile(join(dir, "blobs", "sha256", m.digest.slice(7)), "utf8")) as {
      manifests?: { digest: string }[];
      layers?: { digest: string }[];
      config?: { digest: string };
    };
    for (const d of [...(doc.manifests ?? []), ...(doc.layers ?? []), ...(doc.config ? [doc.config] : [])]) {
      out.add(d.digest);
    }
  }
  return [...out].sort();
}

describe("type=local cache through the session content store", () => {
  test("export mode=max, prune, import: every step after FROM is cached and the digest is unchanged", async () => {
    const ctx = await cacheContext(env);
    const dir = await newCacheDir();
    const ref = `${env.KILN_REGISTRY}/itg/cache-local:${uniqueTag()}`;

    const first = await cacheBuild(client, ctx, {
      ref,
      cacheExports: [{ type: "local", attrs: { dest: dir, mode: "max" } }],
    });
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(stepsAfterFrom(first.record)).toMatchObject({ total: STEPS_AFTER_FROM, cached: 0 });

    // index.json names the cache manifest under "latest", as buildctl's client/ociindex writes it.
    const index = await readIndex(dir);
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]).toMatchObject({
      mediaType: "application/vnd.oci.image.index.v1+json",
      annotations: { "org.opencontainers.image.ref.name": "latest" },
    });
    expect(JSON.parse(await readFile(join(dir, "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    expect(await blobsIn(dir)).toEqual(await reachable(dir));
    expect(first.result.localCacheExports).toEqual([
      expect.objectContaining({
        dir,
        tag: "latest",
        manifest: expect.objectContaining({ digest: index.manifests[0]!.digest }),
      }),
    ]);
    // Partial uploads live in a private directory under ingest/, removed when the solve ends.
    expect(await exists(join(dir, "ingest"))).toBe(false);

    await pruneBuildCache(env);
    const second = await cacheBuild(client, ctx, { ref, cacheImports: [{ type: "local", attrs: { src: dir } }] });
    expect(stepsAfterFrom(second.record)).toEqual({ total: STEPS_AFTER_FROM, cached: STEPS_AFTER_FROM, uncached: [] });
    expect(second.digest).toBe(first.digest);
  });

  test("a second export to the same directory replaces the entry and deletes the blobs only the old one reached", async () => {
    const dir = await newCacheDir();
    const ref = `${env.KILN_REGISTRY}/itg/cache-local-gc:${uniqueTag()}`;
    const cacheTo = [{ type: "local", attrs: { dest: dir, mode: "max" } }];

    await cacheBuild(client, await cacheContext(env), { ref, cacheExports: cacheTo });
    const oldIndex = await readIndex(dir);
    const oldBlobs = await blobsIn(dir);

    const ctx = await cacheContext(env);
    const second = await cacheBuild(client, ctx, {
      ref,
      cacheImports: [{ type: "local", attrs: { src: dir } }],
      cacheExports: cacheTo,
    });
    const index = await readIndex(dir);
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]!.digest).not.toBe(oldIndex.manifests[0]!.digest);
    const blobs = await blobsIn(dir);
    expect(blobs).toEqual(await reachable(dir));
    expect(blobs).not.toContain(oldIndex.manifests[0]!.digest);
    // The salted layers of the first build are gone; the base image's layers are shared and stay.
    const removed = oldBlobs.filter((b) => !blobs.includes(b));
    expect(removed.length).toBeGreaterThan(0);
    expect(second.result.localCacheExports?.[0]?.removedBlobs).toBe(removed.length);

    await pruneBuildCache(env);
    const third = await cacheBuild(client, ctx, { ref, cacheImports: [{ type: "local", attrs: { src: dir } }] });
    expect(stepsAfterFrom(third.record).uncached).toEqual([]);
    expect(third.digest).toBe(second.digest);
  });

  test("two tags share a directory: each export keeps the other's entry, imports pick by tag or by digest", async () => {
    const dir = await newCacheDir();
    const [ctxA, ctxB] = [await cacheContext(env), await cacheContext(env)];
    const refA = `${env.KILN_REGISTRY}/itg/cache-local-a:${uniqueTag()}`;
    const refB = `${env.KILN_REGISTRY}/itg/cache-local-b:${uniqueTag()}`;
    const a = await cacheBuild(client, ctxA, {
      ref: refA,
      cacheExports: [{ type: "local", attrs: { dest: dir, mode: "max", tag: "a" } }],
    });
    const b = await cacheBuild(client, ctxB, {
      ref: refB,
      cacheExports: [{ type: "local", attrs: { dest: dir, mode: "max", tag: "b" } }],
    });
    const index = await readIndex(dir);
    expect(index.manifests.map((m) => m.annotations?.["org.opencontainers.image.ref.name"])).toEqual(["a", "b"]);
    expect(await blobsIn(dir)).toEqual(await reachable(dir));

    await pruneBuildCache(env);
    const a2 = await cacheBuild(client, ctxA, {
      ref: refA,
      cacheImports: [{ type: "local", attrs: { src: dir, tag: "a" } }],
    });
    expect(stepsAfterFrom(a2.record).uncached).toEqual([]);
    expect(a2.digest).toBe(a.digest);

    await pruneBuildCache(env);
    const digestB = index.manifests[1]!.digest;
    const b2 = await cacheBuild(client, ctxB, {
      ref: refB,
      cacheImports: [{ type: "local", attrs: { src: dir, digest: digestB } }],
    });
    expect(stepsAfterFrom(b2.record).uncached).toEqual([]);
    expect(b2.digest).toBe(b.digest);
  });

  test("exported next to a registry cache, the directory records its own manifest, not the registry's", async () => {
    const ctx = await cacheContext(env);
    const dir = await newCacheDir();
    const ref = `${env.KILN_REGISTRY}/itg/cache-local-mixed:${uniqueTag()}`;
    // The solve response holds one "cache.manifest", the last exporter's: here the registry's (mode=min, so a
    // different manifest from the local mode=max one).
    const first = await cacheBuild(client, ctx, {
      ref,
      cacheExports: [
        { type: "local", attrs: { dest: dir, mode: "max" } },
        { type: "registry", attrs: { ref: `${ref}-cache`, mode: "min" } },
      ],
    });
    const reported = JSON.parse(first.result.exporterResponse["cache.manifest"] ?? "{}") as { digest?: string };
    const recorded = (await readIndex(dir)).manifests[0]!.digest;
    expect(recorded).not.toBe(reported.digest);
    expect(await blobsIn(dir)).toEqual(await reachable(dir));

    await pruneBuildCache(env);
    const second = await cacheBuild(client, ctx, { ref, cacheImports: [{ type: "local", attrs: { src: dir } }] });
    expect(stepsAfterFrom(second.record).uncached).toEqual([]);
    expect(second.digest).toBe(first.digest);
  });

  test("importing from a directory without cache is left out with a note, and the build runs", async () => {
    const dir = await newCacheDir();
    const build = await cacheBuild(client, await cacheContext(env), {
      ref: `${env.KILN_REGISTRY}/itg/cache-local-empty:${uniqueTag()}`,
      cacheImports: [{ type: "local", attrs: { src: dir } }],
    });
    expect(build.notes).toEqual([`local cache ${dir} holds no cache yet (no index.json); not importing it`]);
    expect(stepsAfterFrom(build.record)).toMatchObject({ total: STEPS_AFTER_FROM, cached: 0 });
  });

  test("docker buildx build imports a cache Kiln exported (the layout is the one buildctl writes)", async () => {
    const ctx = await cacheContext(env);
    const dir = await newCacheDir();
    await cacheBuild(client, ctx, {
      ref: `${env.KILN_REGISTRY}/itg/cache-local-buildx:${uniqueTag()}`,
      cacheExports: [{ type: "local", attrs: { dest: dir, mode: "max" } }],
    });
    await pruneBuildCache(env);
    const { stderr } = await docker(env, [
      "buildx",
      "build",
      "--progress=plain",
      "--platform=linux/amd64",
      "--build-arg=SOURCE_DATE_EPOCH=1700000000",
      `--cache-from=type=local,src=${dir}`,
      "--output=type=cacheonly",
      ctx,
    ]);
    // buildx prints "#<n> [stage k/m] <step>" and, for a cache hit, "#<n> CACHED" under the same number.
    const steps = [...stderr.matchAll(/^#(\d+) \[[^\]]*\d+\/\d+\] (?!FROM )/gm)].map((m) => m[1]);
    const cached = new Set([...stderr.matchAll(/^#(\d+) CACHED$/gm)].map((m) => m[1]));
    expect(steps).toHaveLength(STEPS_AFTER_FROM);
    expect(steps.filter((n) => !cached.has(n))).toEqual([]);
  });
});
