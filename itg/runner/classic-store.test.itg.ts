// The action's dist bundles (main, then post), run as a runner runs them, against the emulated runner
// (scripts/stack/github-emulator.mjs: the real @actions/cache inside the bundles) and a Docker daemon with the
// CLASSIC image store (scripts/stack/classic-daemon.sh), as on GitHub's hosted runners. `docker save` there drops
// the digest reference of the pinned BuildKit image and `docker load` reads only tags, so a restored archive is
// found only through Kiln's alias tag. `endpoint` names the classic daemon while DOCKER_HOST names the stack's
// other one: the image cache and the post step must use the endpoint. Needs `npm run build` first.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pinnedImageAlias } from "../../src/docker/index.js";
import { loadGithubStack, runnerStep, type GithubStack } from "../helpers/github-runner.js";
import { runAction, type ActionRun } from "../helpers/run-action.js";
import { readStackJson, run, uniqueTag } from "../helpers/stack-env.js";

const KEYS = ["KILN_DOCKER_CLASSIC_HOST", "KILN_BUILDKIT_IMAGE", "KILN_BASE_IMAGE", "DOCKER_HOST"] as const;
const FILE_COMMANDS = ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"];

describe("runner cache on Docker's classic image store, through the action's bundles", () => {
  let stack: Record<(typeof KEYS)[number], string>;
  let gh: GithubStack;
  let temp: string;
  const job = `classic${process.pid}`;
  const branch = uniqueTag("classic");
  const classic = (args: string[]): Promise<{ stdout: string }> =>
    run("docker", args, { env: { ...process.env, DOCKER_HOST: stack.KILN_DOCKER_CLASSIC_HOST } });
  // A fresh runner: no BuildKit image (by digest or alias) and no builder on the daemon.
  const freshRunner = async (): Promise<void> => {
    const named = async (kind: "ps" | "volume"): Promise<string[]> => {
      const args = kind === "ps" ? ["ps", "-aq"] : ["volume", "ls", "-q"];
      const { stdout } = await classic([...args, "--filter", `name=${job}`]);
      return stdout.split("\n").filter(Boolean);
    };
    for (const id of await named("ps")) await classic(["rm", "-f", "-v", id]).catch(() => undefined);
    for (const id of await named("volume")) await classic(["volume", "rm", "-f", id]).catch(() => undefined);
    for (const ref of [stack.KILN_BUILDKIT_IMAGE, pinnedImageAlias(stack.KILN_BUILDKIT_IMAGE)!]) {
      await classic(["rmi", "-f", ref]).catch(() => undefined);
    }
  };

  beforeAll(async () => {
    stack = await readStackJson(KEYS);
    gh = await loadGithubStack();
    const info = await classic(["info", "--format", "{{.Driver}} {{json .DriverStatus}}"]);
    expect(info.stdout).not.toContain("io.containerd.snapshotter.v1");
    temp = await mkdtemp(join(tmpdir(), "kiln-itg-classic-"));
    await freshRunner();
  });

  afterAll(async () => {
    await freshRunner();
    await rm(temp, { recursive: true, force: true });
  });

  /**
   * One job: main then post, with the state main saved, and a new run id. RUNNER_TEMP is the same path in every job
   * (as on GitHub's runners, /home/runner/work/_temp), emptied first: @actions/cache versions entries by their paths.
   */
  async function job1(dockerfile: string): Promise<{ main: ActionRun; post: ActionRun; temp: string }> {
    await rm(join(temp, "runner"), { recursive: true, force: true });
    const step = await runnerStep(gh, {
      // A branch of its own: cache entries are scoped by ref, so earlier runs of this test are not found.
      ref: `refs/heads/${branch}`,
      defaultBranch: branch,
      dir: join(temp, "runner"),
      job,
      workflow: "classic",
    });
    const env = Object.fromEntries(Object.entries(step.env).filter(([k]) => !FILE_COMMANDS.includes(k)));
    await writeFile(join(env["GITHUB_WORKSPACE"]!, "Dockerfile"), dockerfile);
    // DOCKER_HOST is the stack's containerd-store daemon: everything must go to `endpoint` instead.
    const runEnv = { ...env, DOCKER_HOST: stack.DOCKER_HOST };
    const inputs = {
      context: ".",
      driver: "docker-container",
      endpoint: stack.KILN_DOCKER_CLASSIC_HOST,
      "driver-opts": `image=${stack.KILN_BUILDKIT_IMAGE}`,
      provenance: "false",
      sbom: "false",
    };
    const main = await runAction("main", inputs, runEnv);
    const post = await runAction("post", inputs, runEnv, main.state);
    return { main, post, temp: env["RUNNER_TEMP"]! };
  }

  const stepKeys = async (runnerTemp: string): Promise<string[]> => {
    const dir = join(runnerTemp, "kiln-step-times");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".json"));
    expect(files).toHaveLength(1);
    const record = JSON.parse(await readFile(join(dir, files[0]!), "utf8")) as { steps: [string, number][] };
    return record.steps.map(([key]) => key);
  };

  test("the first job pulls and saves the image and step times; the next loads the image and pulls nothing", async () => {
    const from = `FROM ${stack.KILN_BASE_IMAGE}\n`;
    const cold = await job1(`${from}RUN echo one > /one\n`);
    expect(cold.main.code, cold.main.stdout + cold.main.stderr).toBe(0);
    expect(cold.main.stdout).toContain(`pulling image ${stack.KILN_BUILDKIT_IMAGE}`);
    expect(cold.main.stdout).toMatch(/image cache: .* is not in the runner cache/);
    expect(cold.main.state["docker-host"]).toBe(stack.KILN_DOCKER_CLASSIC_HOST);
    const container = cold.main.state["container"] ?? "";
    expect(container).toMatch(new RegExp(`^kiln_buildkit_.*${job}`));
    expect(cold.post.code, cold.post.stdout + cold.post.stderr).toBe(0);
    expect(cold.post.stdout).toMatch(/image cache: saved .* to the runner cache \(kiln-image-v1-[0-9a-f]{64}-linux-/);
    expect(cold.post.stdout).toMatch(/step times: saved the record to the runner cache/);
    expect(cold.post.stdout).toContain(`removed builder ${container}`);
    // The post step removed the builder from the daemon `endpoint` names.
    await expect(classic(["inspect", container])).rejects.toThrow();
    const coldKeys = await stepKeys(cold.temp);

    await freshRunner();
    const warm = await job1(`${from}RUN echo two > /two\n`);
    expect(warm.main.code, warm.main.stdout + warm.main.stderr).toBe(0);
    expect(warm.main.stdout, warm.main.stdout).toMatch(/image cache: restored .* from the runner cache/);
    expect(warm.main.stdout).not.toContain("pulling image");
    // Classic store: known by its alias tag, not by the digest reference.
    const alias = await classic([
      "image",
      "inspect",
      "-f",
      "{{.RepoTags}}",
      pinnedImageAlias(stack.KILN_BUILDKIT_IMAGE)!,
    ]);
    expect(alias.stdout).toContain("kiln.local/pinned/");
    // The step-times record came back from the runner cache: it still holds the first job's steps.
    expect(await stepKeys(warm.temp)).toEqual(expect.arrayContaining(coldKeys));
    expect(warm.post.code).toBe(0);
    expect(warm.post.stdout).not.toContain("image cache: saved");
  });

  // `load` through the classic store's embedded BuildKit (the moby exporter): the image is in the daemon under its tag,
  // with the ID the action reports.
  test("driver docker loads the image into the classic store under its tag", async () => {
    const workspace = join(temp, "docker-load");
    await rm(workspace, { recursive: true, force: true });
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, "Dockerfile"), `FROM ${stack.KILN_BASE_IMAGE}\nRUN echo loaded > /loaded\n`);
    const tag = `kiln-itg/classic-load:${uniqueTag("t")}`;
    const run = await runAction(
      "main",
      { context: ".", driver: "docker", load: "true", tags: tag, provenance: "false", sbom: "false" },
      { DOCKER_HOST: stack.KILN_DOCKER_CLASSIC_HOST, GITHUB_WORKSPACE: workspace },
    );
    try {
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const id = (await classic(["image", "inspect", "-f", "{{.Id}}", tag])).stdout.trim();
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(run.outputs["imageid"]).toBe(id);
      const out = await classic(["run", "--rm", "--network", "none", tag, "cat", "/loaded"]);
      expect(out.stdout.trim()).toBe("loaded");
    } finally {
      await classic(["rmi", "-f", tag]).catch(() => undefined);
    }
  });

  // The classic store's embedded BuildKit has only the inline cache exporter; BuildKit would refuse the unknown
  // exporter before ignore-error applies and fail the build late, in its own words.
  test("driver docker on the classic store refuses a local cache export in one line naming cache-to", async () => {
    const workspace = join(temp, "docker-driver");
    await rm(workspace, { recursive: true, force: true });
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, "Dockerfile"), `FROM ${stack.KILN_BASE_IMAGE}\nRUN echo hi > /hi\n`);
    const run = await runAction(
      "main",
      {
        driver: "docker",
        context: ".",
        "cache-to": `type=local,dest=${join(workspace, "cache")}`,
        provenance: "false",
        sbom: "false",
      },
      { DOCKER_HOST: stack.KILN_DOCKER_CLASSIC_HOST, GITHUB_WORKSPACE: workspace },
    );
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(errors).toEqual([
      "::error::cache-to: expected only type=inline with driver: docker on a daemon with the classic image store, got type=local (use driver: docker-container, or enable the containerd image store)",
    ]);
    expect(run.stdout).not.toContain("#1 ");
  });
});
