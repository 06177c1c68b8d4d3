// Builder images through the runner cache, with the stack's real Docker daemon. The GitHub Actions cache service
// exists only inside a job on GitHub's runners, so the cache here is a directory-backed RunnerCache written below;
// everything on the Docker side is real: the archive is saved from the daemon, the image removed, and the next
// "run" loads it back before any pull, under its pinned reference with the same image ID.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RunnerCacheError, type RunnerCache } from "../../src/action/runner-cache/actions-cache.js";
import { imageCacheKey } from "../../src/action/runner-cache/keys.js";
import {
  dockerImageStore,
  parseImageCacheState,
  restoreBuilderImages,
  saveBuilderImages,
  serializeImageCacheState,
} from "../../src/action/runner-cache/images.js";
import { inspectImage, parseDockerHost, pullImage, version, type DockerHost } from "../../src/docker/index.js";
import { pinnedImageAlias } from "../../src/docker/images.js";
import { docker, loadStackEnv, type StackEnv } from "../helpers/stack-env.js";
import { pushUniqueIndex } from "../helpers/unique-index.js";

/** A RunnerCache over a directory: one subdirectory per key holding copies of the paths, as the service keeps them. */
function directoryCache(root: string): RunnerCache {
  const entryDir = (key: string): string => join(root, key);
  return {
    async restore(paths, key, restoreKeys = []) {
      const keys = await readdir(root);
      const newestWith = async (prefix: string): Promise<string | undefined> => {
        const matching = keys.filter((k) => k.startsWith(prefix));
        const times = await Promise.all(matching.map(async (k) => (await stat(entryDir(k))).mtimeMs));
        return matching.sort((a, b) => times[matching.indexOf(b)]! - times[matching.indexOf(a)]!)[0];
      };
      let hit = keys.includes(key) ? key : undefined;
      for (const prefix of restoreKeys) hit ??= await newestWith(prefix);
      if (!hit) return undefined;
      const saved = JSON.parse(await readFile(join(entryDir(hit), "paths.json"), "utf8")) as string[];
      if (JSON.stringify(saved) !== JSON.stringify(paths)) return undefined; // the service versions by paths
      for (const [i, path] of paths.entries()) await cp(join(entryDir(hit), String(i)), path, { recursive: true });
      return hit;
    },
    async save(paths, key) {
      if ((await readdir(root)).includes(key)) throw new RunnerCacheError(`failed to save ${key}: key exists`);
      await mkdir(entryDir(key));
      for (const [i, path] of paths.entries()) await cp(path, join(entryDir(key), String(i)), { recursive: true });
      await writeFile(join(entryDir(key), "paths.json"), JSON.stringify(paths));
    },
  };
}

describe("builder images through the runner cache", () => {
  let env: StackEnv;
  let host: DockerHost;
  let temp: string;
  let image: string;
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  const digestName = (): string => image.replace(/:[^/@]+@/, "@");

  beforeAll(async () => {
    env = await loadStackEnv();
    host = parseDockerHost(env.DOCKER_HOST);
    temp = await mkdtemp(join(tmpdir(), "kiln-itg-runner-cache-"));
    image = await pushUniqueIndex(env, "kiln-itg/runner-cache-index");
  });

  afterAll(async () => {
    await docker(env, ["rmi", digestName(), pinnedImageAlias(image)!]).catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
  });

  test("a cold run saves the pulled image; a warm run loads it before any pull, with the same ID", async () => {
    const root = join(temp, "cache-service");
    await mkdir(root);
    const cache = directoryCache(root);
    const store = dockerImageStore(host);
    const runnerTemp = join(temp, "runner-temp");
    const v = await version(host);
    const key = imageCacheKey(image, { os: v.Os, arch: v.Arch })!;

    // Run 1, main step: the daemon lacks the image and the cache has nothing; the bootstrap pulls.
    expect(await inspectImage(host, image)).toBeUndefined();
    const cold = await restoreBuilderImages({ store, cache, log, images: [image], tempDir: runnerTemp });
    expect(cold.entries).toEqual([{ image, key, outcome: "missed" }]);
    await pullImage(host, image);
    const pulledId = (await inspectImage(host, image))?.Id;
    expect(pulledId).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Run 1, post step: the state comes back through GITHUB_STATE; the archive goes to the cache.
    const state = parseImageCacheState(serializeImageCacheState(cold.state));
    const saved = await saveBuilderImages({ store, cache, log, state });
    expect(saved.map((e) => e.outcome)).toEqual(["saved"]);
    const archive = join(root, key, "0");
    expect((await stat(archive)).size).toBeGreaterThan(1_000_000); // the busybox layers, not just manifests
    expect(await readdir(join(runnerTemp, "kiln-image-cache"))).toEqual([]);

    // A fresh runner: the daemon no longer has the image, by its digest or by the local alias the save tagged.
    await docker(env, ["rmi", digestName(), pinnedImageAlias(image)!]);
    expect(await inspectImage(host, image)).toBeUndefined();

    // Run 2, main step: restored and loaded before any pull; nothing left for the post step to save.
    const warm = await restoreBuilderImages({ store, cache, log, images: [image], tempDir: runnerTemp });
    expect(warm.entries).toEqual([{ image, key, outcome: "restored" }]);
    expect((await inspectImage(host, image))?.Id).toBe(pulledId);
    expect(warm.state.pending).toEqual([]);
    expect(await saveBuilderImages({ store, cache, log, state: warm.state })).toEqual([]);

    // Run 3 on the same runner: the daemon has it; the cache is not even asked.
    const present = await restoreBuilderImages({
      store,
      cache: { ...cache, restore: () => Promise.reject(new Error("restore called")) },
      log,
      images: [image],
      tempDir: runnerTemp,
    });
    expect(present.entries).toEqual([{ image, key, outcome: "present" }]);
    expect(lines).toContain(`image cache: restored ${image} from the runner cache (${key})`);
  });
});
