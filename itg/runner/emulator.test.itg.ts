// The GitHub results service emulator (scripts/stack/github-emulator.mjs) against the real clients:
// @actions/cache and @actions/artifact run in a child `node` with a runner step's environment (both read
// process.env at call time), and standalone BuildKit v0.26 exports and imports `type=gha` cache through it.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type GithubStack,
  type RunnerStep,
  type RunnerStepOptions,
  loadGithubStack,
  mintRuntimeToken,
  runnerStep,
  stepProcessEnv,
} from "../helpers/github-runner.js";
import { readStackJson, run, uniqueTag } from "../helpers/stack-env.js";

// Runs a list of client operations in one step (see runner-child.mjs); each result is {value} or {error}.
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "runner-child.mjs");

type Op =
  | { op: "saveCache"; paths: string[]; key: string }
  | { op: "restoreCache"; paths: string[]; key: string; restoreKeys?: string[] }
  | { op: "upload"; name: string; files: string[]; root: string }
  | { op: "list"; latest?: boolean }
  | { op: "get"; name: string }
  | { op: "download"; id: number; path: string }
  | { op: "delete"; name: string };

interface OpResult {
  value?: unknown;
  error?: string;
}

interface ChildRun {
  results: OpResult[];
  stdout: string;
}

function runChild(step: RunnerStep, ops: readonly Op[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CHILD],
      {
        // A step runs in GITHUB_WORKSPACE; @actions/cache globs relative paths from the working directory.
        cwd: step.env.GITHUB_WORKSPACE,
        env: stepProcessEnv(step, { KILN_CHILD_OPS: JSON.stringify(ops) }),
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        const line = stdout.split("\n").find((l) => l.startsWith("KILN_RESULTS "));
        if (error || !line) {
          reject(new Error(`child failed: ${error?.message ?? "no results"}\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ results: JSON.parse(line.slice("KILN_RESULTS ".length)) as OpResult[], stdout });
      },
    );
  });
}

/** The value of a successful op, failing the test with the child's output otherwise. */
function valueOf(run: ChildRun, index: number): unknown {
  const result = run.results[index];
  if (!result || result.error !== undefined) {
    throw new Error(`op ${index} failed: ${result?.error ?? "missing"}\n${run.stdout}`);
  }
  return result.value;
}

let stack: GithubStack;
let root: string;
let stepCount = 0;

beforeAll(async () => {
  stack = await loadGithubStack();
  root = await mkdtemp(path.join(os.tmpdir(), "kiln-runner-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh job step (its own RUNNER_TEMP and GITHUB_WORKSPACE). */
function step(options: Omit<RunnerStepOptions, "dir">): Promise<RunnerStep> {
  stepCount += 1;
  return runnerStep(stack, { ...options, dir: path.join(root, `step-${stepCount}`) });
}

async function writeData(s: RunnerStep, content: Buffer): Promise<void> {
  const dir = path.join(s.env.GITHUB_WORKSPACE ?? "", "data");
  await mkdir(path.join(dir, "sub"), { recursive: true });
  await writeFile(path.join(dir, "sub", "payload.bin"), content);
}

function readData(s: RunnerStep): Promise<Buffer> {
  return readFile(path.join(s.env.GITHUB_WORKSPACE ?? "", "data", "sub", "payload.bin"));
}

describe("cache service v2 with @actions/cache", () => {
  it("restores by exact key and by restore-key prefix (newest first), and refuses a second save of a key", async () => {
    const id = uniqueTag("c");
    const branch = `main-${id}`;
    const ref = `refs/heads/${branch}`;
    const first = randomBytes(300_000);
    const second = randomBytes(1000);

    const saver = await step({ ref, defaultBranch: branch });
    await writeData(saver, first);
    const saved = await runChild(saver, [{ op: "saveCache", paths: ["data"], key: `${id}-linux-aaa` }]);
    expect(valueOf(saved, 0)).toBeGreaterThan(0);

    const exact = await step({ ref, defaultBranch: branch });
    const exactRun = await runChild(exact, [{ op: "restoreCache", paths: ["data"], key: `${id}-linux-aaa` }]);
    expect(valueOf(exactRun, 0)).toBe(`${id}-linux-aaa`);
    expect((await readData(exact)).equals(first)).toBe(true);

    const byPrefix = await step({ ref, defaultBranch: branch });
    const prefixRun = await runChild(byPrefix, [
      { op: "restoreCache", paths: ["data"], key: `${id}-linux-zzz`, restoreKeys: [`${id}-nomatch-`, `${id}-linux-`] },
    ]);
    expect(valueOf(prefixRun, 0)).toBe(`${id}-linux-aaa`);
    expect(prefixRun.stdout).toContain(`Cache hit for restore-key: ${id}-linux-aaa`);
    expect((await readData(byPrefix)).equals(first)).toBe(true);

    // Same key again: GitHub answers 409 already_exists; @actions/cache logs it and returns -1.
    const again = await step({ ref, defaultBranch: branch });
    await writeData(again, second);
    const againRun = await runChild(again, [
      { op: "saveCache", paths: ["data"], key: `${id}-linux-aaa` },
      { op: "saveCache", paths: ["data"], key: `${id}-linux-bbb` },
    ]);
    expect(valueOf(againRun, 0)).toBe(-1);
    expect(againRun.stdout).toContain(
      "(409) Conflict: cache entry with the same key, version, and scope already exists",
    );
    expect(valueOf(againRun, 1)).toBeGreaterThan(0);

    // The refused save changed nothing; the prefix now finds the newer entry.
    const check = await step({ ref, defaultBranch: branch });
    const checkRun = await runChild(check, [{ op: "restoreCache", paths: ["data"], key: `${id}-linux-aaa` }]);
    expect(valueOf(checkRun, 0)).toBe(`${id}-linux-aaa`);
    expect((await readData(check)).equals(first)).toBe(true);
    const newest = await step({ ref, defaultBranch: branch });
    const newestRun = await runChild(newest, [
      { op: "restoreCache", paths: ["data"], key: `${id}-linux-`, restoreKeys: [] },
    ]);
    expect(valueOf(newestRun, 0)).toBe(`${id}-linux-bbb`);
    expect((await readData(newest)).equals(second)).toBe(true);

    // Another version (different paths) of the same key is a miss.
    const otherVersion = await step({ ref, defaultBranch: branch });
    const otherRun = await runChild(otherVersion, [
      { op: "restoreCache", paths: ["data", "other"], key: `${id}-linux-aaa` },
    ]);
    expect(valueOf(otherRun, 0)).toBeNull();
  });

  it("lets a branch read the default branch's entries but not the other way round", async () => {
    const id = uniqueTag("s");
    const main = `main-${id}`;
    const mainRef = `refs/heads/${main}`;
    const featureRef = `refs/heads/feature-${id}`;
    const onMain = randomBytes(50_000);
    const onFeature = randomBytes(50_000);

    const mainSaver = await step({ ref: mainRef, defaultBranch: main });
    await writeData(mainSaver, onMain);
    expect(
      valueOf(await runChild(mainSaver, [{ op: "saveCache", paths: ["data"], key: `${id}-main` }]), 0),
    ).toBeGreaterThan(0);

    const featureSaver = await step({ ref: featureRef, defaultBranch: main });
    await writeData(featureSaver, onFeature);
    const featureSave = await runChild(featureSaver, [
      { op: "saveCache", paths: ["data"], key: `${id}-feature` },
      // The main branch's key again, now in the feature branch's scope: a different entry, accepted.
      { op: "saveCache", paths: ["data"], key: `${id}-main` },
    ]);
    expect(valueOf(featureSave, 0)).toBeGreaterThan(0);
    expect(valueOf(featureSave, 1)).toBeGreaterThan(0);

    const featureReader = await step({ ref: featureRef, defaultBranch: main });
    const featureRead = await runChild(featureReader, [
      { op: "restoreCache", paths: ["data"], key: `${id}-nothing`, restoreKeys: [`${id}-main`] },
    ]);
    // Its own scope comes first: the feature branch's copy of `${id}-main`.
    expect(valueOf(featureRead, 0)).toBe(`${id}-main`);
    expect((await readData(featureReader)).equals(onFeature)).toBe(true);

    const otherFeature = await step({ ref: `refs/heads/other-${id}`, defaultBranch: main });
    const otherRead = await runChild(otherFeature, [
      { op: "restoreCache", paths: ["data"], key: `${id}-main` },
      { op: "restoreCache", paths: ["data"], key: `${id}-feature` },
    ]);
    expect(valueOf(otherRead, 0)).toBe(`${id}-main`);
    expect(valueOf(otherRead, 1)).toBeNull();
    expect((await readData(otherFeature)).equals(onMain)).toBe(true);

    const mainReader = await step({ ref: mainRef, defaultBranch: main });
    const mainRead = await runChild(mainReader, [
      { op: "restoreCache", paths: ["data"], key: `${id}-feature` },
      { op: "restoreCache", paths: ["data"], key: `${id}-main` },
    ]);
    expect(valueOf(mainRead, 0)).toBeNull();
    expect(valueOf(mainRead, 1)).toBe(`${id}-main`);
    expect((await readData(mainReader)).equals(onMain)).toBe(true);
  });
});

describe("runtime token", () => {
  it("refuses a token not signed with the stack's secret, and a save with a read-only token", async () => {
    const id = uniqueTag("t");
    const url = new URL(
      "/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry",
      stack.KILN_GH_RESULTS_URL,
    );
    const forged = mintRuntimeToken("not-the-secret", {
      scopes: [{ Scope: "refs/heads/main", Permission: 3 }],
      runBackendId: "r",
      jobBackendId: "j",
    });
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${forged}`, "content-type": "application/json" },
      body: JSON.stringify({ key: `${id}-forged`, version: "v" }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "unauthenticated", msg: "token signature is invalid" });

    const ref = `refs/heads/main-${id}`;
    const readOnly = await step({ ref, defaultBranch: `main-${id}`, scopes: [{ Scope: ref, Permission: 1 }] });
    await writeData(readOnly, randomBytes(100));
    const denied = await runChild(readOnly, [{ op: "saveCache", paths: ["data"], key: `${id}-ro` }]);
    expect(valueOf(denied, 0)).toBe(-1);
    expect(denied.stdout).toContain("cache write denied: token has no writable scopes");
  });
});

describe("artifact service v2 with @actions/artifact", () => {
  it("uploads, lists, downloads in another job, refuses a duplicate name and deletes", async () => {
    const id = uniqueTag("a");
    const name = `kiln-${id}`;
    const ref = "refs/heads/main";
    const producer = await step({ ref, defaultBranch: "main", job: "produce" });
    const src = path.join(producer.env.GITHUB_WORKSPACE ?? "", "out");
    const a = randomBytes(200_000);
    const b = Buffer.from(`metadata for ${id}\n`);
    await mkdir(path.join(src, "nested"), { recursive: true });
    await writeFile(path.join(src, "image.bin"), a);
    await writeFile(path.join(src, "nested", "meta.txt"), b);
    const files = [path.join(src, "image.bin"), path.join(src, "nested", "meta.txt")];

    const up = await runChild(producer, [
      { op: "upload", name, files, root: src },
      { op: "upload", name, files, root: src },
    ]);
    const uploaded = valueOf(up, 0) as { id: number; size: number; digest: string };
    expect(uploaded.id).toBeGreaterThan(0);
    expect(uploaded.size).toBeGreaterThan(0);
    expect(up.results[1]?.error).toContain("an artifact with this name already exists on the workflow run");

    // Another job of the same run.
    const consumer = await step({ ref, defaultBranch: "main", job: "consume", runBackendId: producer.runBackendId });
    const dest = path.join(consumer.env.GITHUB_WORKSPACE ?? "", "in");
    const down = await runChild(consumer, [
      { op: "list", latest: true },
      { op: "get", name },
      { op: "download", id: uploaded.id, path: dest },
    ]);
    const listed = valueOf(down, 0) as { name: string; id: number; size: number; digest?: string }[];
    expect(listed).toEqual([expect.objectContaining({ name, id: uploaded.id, size: uploaded.size })]);
    expect(listed[0]?.digest).toBe(`sha256:${uploaded.digest}`);
    expect(valueOf(down, 1)).toMatchObject({ name, id: uploaded.id });
    expect(await readFile(path.join(dest, "image.bin"))).toEqual(a);
    expect(await readFile(path.join(dest, "nested", "meta.txt"))).toEqual(b);

    // A different run sees nothing.
    const stranger = await step({ ref, defaultBranch: "main" });
    expect(valueOf(await runChild(stranger, [{ op: "list" }]), 0)).toEqual([]);

    const del = await runChild(consumer, [{ op: "delete", name }, { op: "list" }, { op: "get", name }]);
    expect(valueOf(del, 0)).toEqual({ id: uploaded.id });
    expect(valueOf(del, 1)).toEqual([]);
    expect(del.results[2]?.error).toContain(`Artifact not found for name: ${name}`);
  });
});

describe("BuildKit v0.26 type=gha cache through the emulator", () => {
  it("exports, prunes, imports: every RUN step is cached", async () => {
    const bk = await readStackJson(["KILN_BUILDKIT_HOST", "KILN_BUILDCTL", "KILN_BASE_IMAGE"]);
    const id = uniqueTag("g");
    const s = await step({ ref: `refs/heads/main-${id}`, defaultBranch: `main-${id}` });
    const ctx = path.join(root, `ctx-${id}`);
    await mkdir(ctx, { recursive: true });
    await writeFile(
      path.join(ctx, "Dockerfile"),
      `FROM ${bk.KILN_BASE_IMAGE}\nRUN echo one-${id} > /one\nRUN echo two-${id} > /two && cat /one /two > /both\n`,
    );
    const gha = `type=gha,url_v2=${stack.KILN_GH_RESULTS_URL},token=${s.token},scope=kiln-${id}`;
    const build = (cacheFlag: string[]) =>
      run(
        bk.KILN_BUILDCTL,
        [
          "--addr",
          bk.KILN_BUILDKIT_HOST,
          "build",
          "--frontend",
          "dockerfile.v0",
          "--local",
          `context=${ctx}`,
          "--local",
          `dockerfile=${ctx}`,
          "--progress",
          "rawjson",
          ...cacheFlag,
        ],
        { timeoutMs: 300_000 },
      );

    const runSteps = (output: { stdout: string; stderr: string }): Map<string, boolean> => {
      const steps = new Map<string, boolean>();
      for (const line of `${output.stdout}\n${output.stderr}`.split("\n")) {
        if (!line.startsWith("{")) continue;
        const status = JSON.parse(line) as { vertexes?: { name?: string; cached?: boolean }[] };
        for (const v of status.vertexes ?? []) {
          if (!v.name?.includes("] RUN ")) continue;
          steps.set(v.name, (steps.get(v.name) ?? false) || v.cached === true);
        }
      }
      return steps;
    };

    const first = runSteps(await build(["--export-cache", `${gha},mode=max`]));
    expect([...first.values()]).toEqual([false, false]);
    const state = (await (await fetch(new URL("/_emulator/state", stack.KILN_GH_RESULTS_URL))).json()) as {
      caches: { key: string; scope: string; finalized: boolean }[];
    };
    const written = state.caches.filter((e) => e.scope === `refs/heads/main-${id}` && e.finalized);
    expect(written.some((e) => e.key.startsWith(`index-kiln-${id}-1-`))).toBe(true);
    expect(written.some((e) => e.key.startsWith("buildkit-blob-1-sha256:"))).toBe(true);

    await run(bk.KILN_BUILDCTL, ["--addr", bk.KILN_BUILDKIT_HOST, "prune", "--all"], { timeoutMs: 120_000 });

    const second = runSteps(await build(["--import-cache", gha]));
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...second.values()]).toEqual([true, true]);
  });
});
