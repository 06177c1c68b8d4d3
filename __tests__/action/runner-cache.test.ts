// The runner cache's keys and decisions. The GitHub Actions cache service cannot be reached from here (it exists
// only inside a job on GitHub's runners), so these tests run the decisions over an in-memory RunnerCache that
// behaves as the service does where it matters: immutable keys, prefix restore of the newest entry, entries
// versioned by their path list. The Docker side runs for real in itg/action/runner-cache.test.itg.ts.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { actionsRunnerCache, RunnerCacheError, type RunnerCache } from "../../src/action/runner-cache/actions-cache.js";
import {
  imageCacheKey,
  localCacheKey,
  localCacheKeyPrefix,
  localCacheScope,
  runSuffix,
} from "../../src/action/runner-cache/keys.js";
import {
  parseImageCacheState,
  restoreBuilderImages,
  saveBuilderImages,
  serializeImageCacheState,
  type ImageStore,
} from "../../src/action/runner-cache/images.js";
import { restoreLocalCacheDir, saveLocalCacheDir } from "../../src/action/runner-cache/local-dirs.js";

/** Files under a path (itself when it is a file), relative path -> bytes. */
async function snapshot(path: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if ((await stat(path)).isFile()) return files.set("", await readFile(path));
  for (const e of await readdir(path, { recursive: true, withFileTypes: true })) {
    const full = join(e.parentPath, e.name);
    if (e.isFile()) files.set(relative(path, full), await readFile(full));
  }
  return files;
}

/** An in-memory stand-in for the cache service, with its rules: immutable keys, newest prefix match, path versioning. */
class MemoryCache implements RunnerCache {
  readonly entries: { key: string; paths: string; files: Map<string, Map<string, Buffer>> }[] = [];
  readonly calls: string[] = [];

  async restore(paths: string[], key: string, restoreKeys: string[] = []): Promise<string | undefined> {
    this.calls.push(`restore ${key}`);
    const version = JSON.stringify(paths);
    const newest = [...this.entries].reverse().filter((e) => e.paths === version);
    const entry =
      newest.find((e) => e.key === key) ??
      restoreKeys.map((p) => newest.find((e) => e.key.startsWith(p))).find((e) => e !== undefined);
    if (!entry) return undefined;
    for (const [path, files] of entry.files) {
      for (const [rel, bytes] of files) {
        await mkdir(dirname(join(path, rel)), { recursive: true });
        await writeFile(join(path, rel), bytes);
      }
    }
    return entry.key;
  }

  async save(paths: string[], key: string): Promise<void> {
    this.calls.push(`save ${key}`);
    if (this.entries.some((e) => e.key === key)) {
      throw new RunnerCacheError(`failed to save ${key} to the runner cache: another job may be creating this cache`);
    }
    const files = new Map<string, Map<string, Buffer>>();
    for (const p of paths) files.set(p, await snapshot(p));
    this.entries.push({ key, paths: JSON.stringify(paths), files });
  }
}

/**
 * A daemon's image store in memory. `pull` stands for the bootstrap's pull. With `keepsDigestsOnLoad: false` it
 * loads as the classic image store does: the image is there, but not under the digest the pinned ref names.
 */
class MemoryImages implements ImageStore {
  readonly images = new Map<string, string>();
  readonly calls: string[] = [];
  constructor(private readonly keepsDigestsOnLoad = true) {}

  pull(ref: string): void {
    this.images.set(ref, `sha256:${createHash("sha256").update(`config of ${ref}`).digest("hex")}`);
  }
  platform(): Promise<{ os: string; arch: string }> {
    this.calls.push("platform");
    return Promise.resolve({ os: "linux", arch: "amd64" });
  }
  imageId(ref: string): Promise<string | undefined> {
    this.calls.push(`inspect ${ref}`);
    return Promise.resolve(this.images.get(ref));
  }
  async save(refs: readonly string[], file: string): Promise<void> {
    this.calls.push(`save ${refs.join(",")}`);
    await writeFile(file, JSON.stringify(refs.map((r) => [r, this.images.get(r)])));
  }
  async load(file: string): Promise<void> {
    this.calls.push("load");
    for (const [ref, id] of JSON.parse(await readFile(file, "utf8")) as [string, string][]) {
      this.images.set(this.keepsDigestsOnLoad ? ref : id, id);
    }
  }
}

const digest = (c: string): string => `sha256:${c.repeat(64)}`;
const buildkit = `moby/buildkit:v0.33.1@${digest("a")}`;
const binfmt = `tonistiigi/binfmt:qemu-v10.2.3@${digest("b")}`;
const amd64 = { os: "linux", arch: "amd64" };

describe("cache keys", () => {
  test("an image's key is the sha256 of its pinned ref and the daemon's platform", () => {
    const hex = createHash("sha256").update(buildkit).digest("hex");
    expect(imageCacheKey(buildkit, amd64)).toBe(`kiln-image-v1-${hex}-linux-amd64`);
    expect(imageCacheKey(buildkit, { os: "linux", arch: "arm64" })).toBe(`kiln-image-v1-${hex}-linux-arm64`);
  });

  test.each([
    ["a tag", "moby/buildkit:v0.33.1"],
    ["no tag", "moby/buildkit"],
    ["a short digest", "moby/buildkit@sha256:abc"],
  ])("an image with %s is not pinned and has no key", (_what, ref) => {
    expect(imageCacheKey(ref, amd64)).toBeUndefined();
  });

  test("the same digest under another name is another entry (the archive carries the name)", () => {
    expect(imageCacheKey(`mirror.example/moby/buildkit@${digest("a")}`, amd64)).not.toBe(
      imageCacheKey(buildkit, amd64),
    );
  });

  test("a local cache key is the directory's prefix plus the run, and the prefix ignores how the path is written", () => {
    const prefix = localCacheKeyPrefix("/work/cache", "ci-build");
    expect(prefix).toMatch(/^kiln-local-cache-v1-ci-build-[0-9a-f]{16}-$/);
    expect(localCacheKeyPrefix("/work/cache/", "ci-build")).toBe(prefix);
    expect(localCacheKeyPrefix("/work/../work/cache", "ci-build")).toBe(prefix);
    expect(localCacheKeyPrefix("/work/other", "ci-build")).not.toBe(prefix);
    expect(localCacheKeyPrefix("/work/cache", "ci-test")).not.toBe(prefix);
    expect(localCacheKey("/work/cache", "ci-build", "123-2")).toBe(`${prefix}123-2`);
  });

  test.each([
    [{ GITHUB_RUN_ID: "123", GITHUB_RUN_ATTEMPT: "2" }, "123-2"],
    [{ GITHUB_RUN_ID: "123" }, "123-1"],
    [{}, "local"],
  ])("the run suffix of %j is %s", (env, suffix) => {
    expect(runSuffix(env)).toBe(suffix);
  });

  test("the scope is the workflow and job, in characters a key may hold (no commas)", () => {
    expect(localCacheScope({ GITHUB_WORKFLOW: "CI, nightly", GITHUB_JOB: "build" })).toBe("CI-nightly-build");
    expect(localCacheScope({})).toBe("default");
    expect(localCacheKey("/c", "a,b", "1,2")).not.toContain(",");
  });

  test("two legs of one matrix job (same workflow, job, run and directory) get their own keys and prefixes", () => {
    const env = { GITHUB_WORKFLOW: "CI", GITHUB_JOB: "build", GITHUB_RUN_ID: "9", GITHUB_RUN_ATTEMPT: "1" };
    const [amd64, arm64] = ["amd64leg", "arm64leg"].map((leg) => localCacheScope(env, leg));
    expect(amd64).toBe("CI-build-amd64leg");
    expect(localCacheKey("/work/cache", amd64!, runSuffix(env))).not.toBe(
      localCacheKey("/work/cache", arm64!, runSuffix(env)),
    );
    expect(localCacheKeyPrefix("/work/cache", arm64!).startsWith(localCacheKeyPrefix("/work/cache", amd64!))).toBe(
      false,
    );
  });
});

describe("actionsRunnerCache outside a GitHub Actions job", () => {
  afterEach(() => vi.unstubAllEnvs());

  test("says why it is unavailable, misses on restore and saves nothing", async () => {
    vi.stubEnv("ACTIONS_RESULTS_URL", "");
    vi.stubEnv("ACTIONS_CACHE_URL", "");
    const cache = actionsRunnerCache();
    expect(cache.unavailable).toMatch(/cache service is not available/);
    expect(await cache.restore(["/nonexistent"], "k")).toBeUndefined();
    await expect(cache.save(["/nonexistent"], "k")).resolves.toBeUndefined();
  });
});

describe("builder images through the runner cache", () => {
  let temp: string;
  const lines: string[] = [];
  const log = (l: string): void => void lines.push(l);
  beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), "kiln-runner-cache-"));
    lines.length = 0;
  });
  afterEach(() => rm(temp, { recursive: true, force: true }));

  test("a cold run misses and saves after the pull; a warm run restores and saves nothing", async () => {
    const cache = new MemoryCache();
    const cold = new MemoryImages();
    const first = await restoreBuilderImages({ store: cold, cache, log, images: [buildkit], tempDir: temp });
    expect(first.entries).toEqual([{ image: buildkit, key: imageCacheKey(buildkit, amd64), outcome: "missed" }]);
    expect(first.state.pending).toEqual([
      {
        image: buildkit,
        key: imageCacheKey(buildkit, amd64),
        archive: join(temp, "kiln-image-cache", `${imageCacheKey(buildkit, amd64)}.tar`),
      },
    ]);
    cold.pull(buildkit); // the bootstrap
    const state = parseImageCacheState(serializeImageCacheState(first.state)); // through GITHUB_STATE
    const saved = await saveBuilderImages({ store: cold, cache, log, state });
    expect(saved.map((e) => e.outcome)).toEqual(["saved"]);
    expect(cache.entries.map((e) => e.key)).toEqual([imageCacheKey(buildkit, amd64)]);
    expect(await readdir(join(temp, "kiln-image-cache"))).toEqual([]);

    const warm = new MemoryImages();
    const second = await restoreBuilderImages({ store: warm, cache, log, images: [buildkit], tempDir: temp });
    expect(second.entries.map((e) => e.outcome)).toEqual(["restored"]);
    expect(warm.images.get(buildkit)).toBe(cold.images.get(buildkit));
    expect(second.state.pending).toEqual([]);
    expect(await saveBuilderImages({ store: warm, cache, log, state: second.state })).toEqual([]);
    expect(cache.calls.filter((c) => c.startsWith("save"))).toHaveLength(1);
    expect(await readdir(join(temp, "kiln-image-cache"))).toEqual([]);
  });

  test("an image the daemon has is neither restored nor saved", async () => {
    const cache = new MemoryCache();
    const store = new MemoryImages();
    store.pull(buildkit);
    const { entries, state } = await restoreBuilderImages({ store, cache, log, images: [buildkit], tempDir: temp });
    expect(entries.map((e) => e.outcome)).toEqual(["present"]);
    expect(state.pending).toEqual([]);
    expect(cache.calls).toEqual([]);
  });

  test("an image not pinned by digest is never cached", async () => {
    const cache = new MemoryCache();
    const store = new MemoryImages();
    const { entries, state } = await restoreBuilderImages({
      store,
      cache,
      log,
      images: ["moby/buildkit:latest"],
      tempDir: temp,
    });
    expect(entries).toEqual([{ image: "moby/buildkit:latest", outcome: "not-pinned" }]);
    expect(state.pending).toEqual([]);
    expect(cache.calls).toEqual([]);
    expect(lines).toContain("image cache: moby/buildkit:latest is not pinned by digest; not cached");
  });

  test("an unavailable cache is a no-op that touches neither the daemon nor the cache", async () => {
    const store = new MemoryImages();
    const cache: RunnerCache = {
      unavailable: "no cache service here",
      restore: () => Promise.reject(new Error("restore called")),
      save: () => Promise.reject(new Error("save called")),
    };
    const { entries, state } = await restoreBuilderImages({ store, cache, log, images: [buildkit], tempDir: temp });
    expect(entries).toEqual([{ image: buildkit, outcome: "unavailable" }]);
    expect(state.pending).toEqual([]);
    const pending = [{ image: buildkit, key: "k", archive: join(temp, "a.tar") }];
    expect(await saveBuilderImages({ store, cache, log, state: { pending } })).toEqual([]);
    expect(store.calls).toEqual([]);
    expect(lines).toEqual(["image cache: no cache service here; images are pulled"]);
  });

  test("an image the run never pulled (no emulation needed) is not saved", async () => {
    const cache = new MemoryCache();
    const store = new MemoryImages();
    const { state } = await restoreBuilderImages({ store, cache, log, images: [buildkit, binfmt], tempDir: temp });
    store.pull(buildkit);
    const saved = await saveBuilderImages({ store, cache, log, state });
    expect(saved.map((e) => [e.image, e.outcome])).toEqual([
      [buildkit, "saved"],
      [binfmt, "not-pulled"],
    ]);
    expect(cache.entries.map((e) => e.key)).toEqual([imageCacheKey(buildkit, amd64)]);
  });

  test("a load that loses the digest (classic image store) is reported and not saved again", async () => {
    const cache = new MemoryCache();
    const cold = new MemoryImages();
    cold.pull(buildkit);
    await saveBuilderImages({
      store: cold,
      cache,
      log,
      state: (await restoreBuilderImages({ store: new MemoryImages(), cache, log, images: [buildkit], tempDir: temp }))
        .state,
    });
    const classic = new MemoryImages(false);
    const { entries, state } = await restoreBuilderImages({
      store: classic,
      cache,
      log,
      images: [buildkit],
      tempDir: temp,
    });
    expect(entries).toEqual([
      {
        image: buildkit,
        key: imageCacheKey(buildkit, amd64),
        outcome: "failed",
        detail: "loaded, but the daemon knows it neither by its digest nor by its alias tag; it is pulled",
      },
    ]);
    expect(state.pending).toEqual([]);
  });

  test("a save the cache refuses (key taken by a parallel job) is reported, and the archive is removed", async () => {
    const cache = new MemoryCache();
    const store = new MemoryImages();
    const { state } = await restoreBuilderImages({ store, cache, log, images: [buildkit], tempDir: temp });
    store.pull(buildkit);
    await cache.save([join(temp, "kiln-image-cache")], imageCacheKey(buildkit, amd64)!); // the other job
    const [entry] = await saveBuilderImages({ store, cache, log, state });
    expect(entry?.outcome).toBe("failed");
    expect(entry?.detail).toMatch(/another job may be creating this cache/);
    expect(await readdir(join(temp, "kiln-image-cache"))).toEqual([]);
  });

  test.each([[""], ["not json"], ['{"pending":[{"image":1}]}'], [undefined]])(
    "state %j from GITHUB_STATE means nothing to save",
    (text) => {
      expect(parseImageCacheState(text)).toEqual({ pending: [] });
    },
  );
});

describe("a local cache directory through the runner cache", () => {
  let dir: string;
  const log = (): void => {};
  const options = (cache: RunnerCache, run: string) => ({ cache, dir, scope: "ci-build", run, log });
  /** What an export leaves: index.json naming a manifest, and the blob (the old one garbage-collected). */
  async function exportCache(content: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
    const hex = createHash("sha256").update(content).digest("hex");
    await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
    await writeFile(join(dir, "blobs", "sha256", hex), content);
    await writeFile(join(dir, "index.json"), JSON.stringify({ schemaVersion: 2, manifests: [{ digest: hex }] }));
  }
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), "kiln-local-cache-")), "cache");
  });
  afterEach(() => rm(dirname(dir), { recursive: true, force: true }));

  test("each run restores the newest earlier save by prefix and saves under its own key", async () => {
    const cache = new MemoryCache();
    const first = await restoreLocalCacheDir(options(cache, "1-1"));
    expect(first.outcome).toBe("missed");
    await exportCache("cache of run 1");
    expect((await saveLocalCacheDir({ cache, restored: first, log })).outcome).toBe("saved");

    await rm(dir, { recursive: true }); // a fresh runner
    const second = await restoreLocalCacheDir(options(cache, "2-1"));
    expect(second).toMatchObject({ outcome: "restored", restoredKey: localCacheKey(dir, "ci-build", "1-1") });
    expect([...(await snapshot(dir)).keys()].sort()).toEqual([
      join("blobs", "sha256", createHash("sha256").update("cache of run 1").digest("hex")),
      "index.json",
    ]);
    await exportCache("cache of run 2");
    const saved = await saveLocalCacheDir({ cache, restored: second, log });
    expect(saved).toMatchObject({ outcome: "saved", key: localCacheKey(dir, "ci-build", "2-1") });

    await rm(dir, { recursive: true });
    const third = await restoreLocalCacheDir(options(cache, "3-1"));
    expect(third.restoredKey).toBe(localCacheKey(dir, "ci-build", "2-1"));
  });

  test("a build that leaves the restored cache unchanged saves nothing", async () => {
    const cache = new MemoryCache();
    await exportCache("same");
    await cache.save([dir], localCacheKey(dir, "ci-build", "1-1"));
    await rm(dir, { recursive: true });
    const restored = await restoreLocalCacheDir(options(cache, "2-1"));
    expect(restored.outcome).toBe("restored");
    expect((await saveLocalCacheDir({ cache, restored, log })).outcome).toBe("unchanged");
    expect(cache.entries).toHaveLength(1);
  });

  test("a directory that already holds a cache is not restored over", async () => {
    const cache = new MemoryCache();
    await exportCache("here already");
    const restored = await restoreLocalCacheDir(options(cache, "1-1"));
    expect(restored.outcome).toBe("present");
    expect(cache.calls).toEqual([]);
  });

  test("a build that exported nothing saves nothing", async () => {
    const cache = new MemoryCache();
    const restored = await restoreLocalCacheDir(options(cache, "1-1"));
    expect((await saveLocalCacheDir({ cache, restored, log })).outcome).toBe("empty");
    expect(cache.entries).toEqual([]);
  });

  test("an unavailable cache neither restores nor saves", async () => {
    const cache: RunnerCache = {
      unavailable: "no cache service here",
      restore: () => Promise.reject(new Error("restore called")),
      save: () => Promise.reject(new Error("save called")),
    };
    const restored = await restoreLocalCacheDir(options(cache, "1-1"));
    expect(restored.outcome).toBe("unavailable");
    await exportCache("x");
    expect((await saveLocalCacheDir({ cache, restored, log })).outcome).toBe("unavailable");
  });
});
