// Where step-times records live: the CLI's file under XDG_CACHE_HOME, and the action's job copy in RUNNER_TEMP
// saved to and restored from the runner cache. @actions/cache cannot reach a cache service here (there is one
// only inside a GitHub Actions job), so it is mocked with the service's rules that matter: entries versioned by
// their path list, immutable keys, restore of the newest entry by prefix.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { builderScope, readStepTimesFile, stepTimesFile, writeStepTimesFile } from "../../src/build/step-times-file.js";
import {
  awaitStepTimes,
  restoreStepTimes,
  saveStepTimesFromState,
  stepTimesPlace,
  writeJobStepTimes,
} from "../../src/action/runner-cache/step-times.js";
import { serializeStepTimes, type StepTimes } from "../../src/progress/step-times.js";

const service = vi.hoisted(() => ({
  available: true,
  entries: [] as { key: string; version: string; files: Map<string, string> }[],
  calls: [] as string[],
}));

vi.mock("@actions/cache", async () => {
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  return {
    isFeatureAvailable: () => service.available,
    async restoreCache(paths: string[], key: string, restoreKeys: string[] = []) {
      service.calls.push(`restore ${key} ${restoreKeys.join(" ")}`);
      const newest = [...service.entries].reverse().filter((e) => e.version === JSON.stringify(paths));
      const entry =
        newest.find((e) => e.key === key) ??
        restoreKeys.map((p) => newest.find((e) => e.key.startsWith(p))).find((e) => e !== undefined);
      if (!entry) return undefined;
      for (const [file, text] of entry.files) {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, text);
      }
      return entry.key;
    },
    async saveCache(paths: string[], key: string) {
      service.calls.push(`save ${key}`);
      if (service.entries.some((e) => e.key === key)) return -1;
      const files = new Map<string, string>();
      for (const p of paths) files.set(p, await fs.readFile(p, "utf8"));
      service.entries.push({ key, version: JSON.stringify(paths), files });
      return service.entries.length;
    },
  };
});

// Loaded after the mock: the real adapter over the mocked library.
const { actionsRunnerCache } = await import("../../src/action/runner-cache/actions-cache.js");

const times = (...entries: [string, number][]): StepTimes => new Map(entries);
const k = (c: string): string => c.repeat(32);

describe("the CLI's step-times file", () => {
  test.each([
    [{ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" }, "/x/cache/kiln/step-times/"],
    [{ HOME: "/home/u" }, "/home/u/.cache/kiln/step-times/"],
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    [{ XDG_CACHE_HOME: "rel", HOME: "/home/u" }, "/home/u/.cache/kiln/step-times/"],
  ])("lives under %o", (env, dir) => {
    const file = stepTimesFile(env, "docker unix:///var/run/docker.sock");
    expect(file.startsWith(dir)).toBe(true);
    expect(file).toMatch(/\/[0-9a-f]{16}\.json$/);
  });

  test("each builder gets its own file", () => {
    const env = { HOME: "/home/u" };
    const files = new Set(
      [
        builderScope({ driver: "docker" }, env),
        builderScope({ driver: "docker", dockerHost: "tcp://10.0.0.2:2376" }, env),
        builderScope({ driver: "docker-container" }, env),
        builderScope({ driver: "remote", endpoint: "tcp://buildkit:1234" }, env),
      ].map((scope) => stepTimesFile(env, scope)),
    );
    expect(files.size).toBe(4);
  });

  test("a missing file is an empty record; a written one reads back", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kiln-times-"));
    const file = join(dir, "kiln", "step-times", "abc.json");
    expect((await readStepTimesFile(file)).size).toBe(0);
    await writeStepTimesFile(file, times([k("a"), 1200]));
    expect([...(await readStepTimesFile(file))]).toEqual([[k("a"), 1200]]);
  });
});

describe("the action's record through the runner cache", () => {
  let temp: string;
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  const place = (run = "100-1"): ReturnType<typeof stepTimesPlace> =>
    stepTimesPlace(temp, "ci-build", "docker-container kiln_build unix:///var/run/docker.sock", run);

  beforeEach(async () => {
    temp = await mkdtemp(join(tmpdir(), "kiln-runner-temp-"));
    service.available = true;
    service.entries.length = 0;
    service.calls.length = 0;
    lines.length = 0;
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  test("keys: per job scope and builder, a run-unique suffix, restored by prefix", () => {
    const a = place("100-1");
    const b = place("100-1");
    expect(a.prefix).toMatch(/^kiln-step-times-v1-ci-build-[0-9a-f]{16}-$/);
    expect(a.key.startsWith(`${a.prefix}100-1-`)).toBe(true);
    // Two matrix legs share the job name and run: their keys still differ, since keys cannot be overwritten.
    expect(a.key).not.toBe(b.key);
    expect(a.cachePath).toBe(b.cachePath);
    expect(stepTimesPlace(temp, "ci-build", "remote tcp://b:1", "100-1").prefix).not.toBe(a.prefix);
  });

  test("a run saves in its post step; the next run restores it by prefix", async () => {
    const cache = actionsRunnerCache();
    const first = place("100-1");
    expect((await restoreStepTimes(first, cache, log)).size).toBe(0);
    const state = await writeJobStepTimes(first, times([k("a"), 1200]));
    expect(await saveStepTimesFromState(state, cache, log)).toBe("saved");
    expect(service.entries.map((e) => e.key)).toEqual([first.key]);

    // The next run is a new job: a fresh RUNNER_TEMP, the same paths.
    await rm(join(temp, "kiln-step-times"), { recursive: true });
    const second = place("101-1");
    expect([...(await restoreStepTimes(second, cache, log))]).toEqual([[k("a"), 1200]]);
    expect(service.calls.at(-1)).toBe(`restore ${second.key} ${second.prefix}`);
    expect(lines).toEqual([expect.stringContaining(`saved the record to the runner cache (${first.key})`)]);
  });

  test("a later Kiln step of the same job reads the job's copy, and only its post step saves", async () => {
    const cache = actionsRunnerCache();
    const p = place();
    const firstState = await writeJobStepTimes(p, times([k("a"), 1200]));
    // The second step: the first one's copy, without asking the cache service.
    expect([...(await restoreStepTimes(p, cache, log))]).toEqual([[k("a"), 1200]]);
    expect(service.calls).toEqual([]);
    const secondState = await writeJobStepTimes(p, times([k("a"), 1200], [k("b"), 300]));
    // Post steps run in reverse: the second step's saves the newest copy, the first's sees it superseded.
    expect(await saveStepTimesFromState(secondState, cache, log)).toBe("saved");
    expect(await saveStepTimesFromState(firstState, cache, log)).toBe("superseded");
    expect(service.entries).toHaveLength(1);
    expect(service.entries[0]!.files.get(p.cachePath)).toBe(serializeStepTimes(times([k("a"), 1200], [k("b"), 300])));
  });

  test("without a cache service nothing is restored or saved, and nothing is logged", async () => {
    service.available = false;
    const cache = actionsRunnerCache();
    const p = place();
    expect((await restoreStepTimes(p, cache, log)).size).toBe(0);
    expect((await restoreStepTimes(p, undefined, log)).size).toBe(0);
    const state = await writeJobStepTimes(p, times([k("a"), 1]));
    expect(await saveStepTimesFromState(state, cache, log)).toBe("unavailable");
    expect(service.calls).toEqual([]);
    expect(lines).toEqual([]);
  });

  test("a failing restore is an empty record with a note; a corrupt entry reads as empty", async () => {
    const p = place();
    const failing = { restore: () => Promise.reject(new Error("503 from the cache service")), save: vi.fn() };
    expect((await restoreStepTimes(p, failing, log)).size).toBe(0);
    expect(lines).toEqual(["step times: could not restore the record of earlier runs: 503 from the cache service"]);

    const corrupt = {
      restore: async (paths: string[]) => {
        await mkdir(dirname(paths[0]!), { recursive: true });
        await writeFile(paths[0]!, "{truncated");
        return "kiln-step-times-v1-x";
      },
      save: vi.fn(),
    };
    expect((await restoreStepTimes(p, corrupt, log)).size).toBe(0);
  });

  test("the summary waits for a slow restore only briefly", async () => {
    const never = new Promise<StepTimes>(() => {});
    const started = Date.now();
    expect((await awaitStepTimes(never, log, 50)).size).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines).toEqual(["step times: the record of earlier runs was not restored within 50 ms"]);
    expect([...(await awaitStepTimes(Promise.resolve(times([k("c"), 7])), log, 50))]).toEqual([[k("c"), 7]]);
  });

  test("a save the service refuses is logged, not thrown", async () => {
    const cache = actionsRunnerCache();
    const p = place();
    const state = await writeJobStepTimes(p, times([k("a"), 1]));
    service.entries.push({ key: p.key, version: "[]", files: new Map() });
    expect(await saveStepTimesFromState(state, cache, log)).toBe("failed");
    expect(lines.at(-1)).toContain("could not save the record to the runner cache");
    expect(await readFile(p.file, "utf8")).toBe(serializeStepTimes(times([k("a"), 1])));
  });
});
