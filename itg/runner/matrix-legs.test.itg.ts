// Two legs of one matrix job (same workflow, job and run; on GitHub each on its own runner with the same paths) through
// the action's main bundle against the emulated runner (scripts/stack/github-emulator.mjs, the real @actions/cache):
// each leg saves its local cache directory under its own key. With keys shared by `<workflow>-<job>-<run>`, the
// second leg's save was refused ("key already exists") (issue 16). Needs `npm run build` first.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadGithubStack, runnerStep, type GithubStack } from "../helpers/github-runner.js";
import { runAction } from "../helpers/run-action.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

const FILE_COMMANDS = ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"];

describe("two matrix legs with a local cache", () => {
  let env: StackEnv;
  let gh: GithubStack;
  let temp: string;
  const branch = uniqueTag("legs");
  const runId = String(2_000_000 + Math.floor(Math.random() * 1_000_000));

  beforeAll(async () => {
    env = await loadStackEnv();
    gh = await loadGithubStack();
    temp = await mkdtemp(join(tmpdir(), "kiln-itg-legs-"));
  });

  afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  test("each leg saves its own cache entry", async () => {
    const saved: string[] = [];
    for (const platform of ["linux/amd64", "linux/arm64"]) {
      // A fresh runner per leg, at the same paths (GitHub's runners all use /home/runner/work/...).
      await rm(join(temp, "runner"), { recursive: true, force: true });
      const step = await runnerStep(gh, {
        ref: `refs/heads/${branch}`,
        defaultBranch: branch,
        dir: join(temp, "runner"),
        workflow: "ci",
        job: "build",
        runId,
      });
      const stepEnv = Object.fromEntries(Object.entries(step.env).filter(([k]) => !FILE_COMMANDS.includes(k)));
      const workspace = stepEnv["GITHUB_WORKSPACE"]!;
      await mkdir(workspace, { recursive: true });
      await writeFile(join(workspace, "Dockerfile"), `FROM ${env.KILN_BASE_IMAGE}\nRUN echo leg > /leg\n`);
      const cache = join(workspace, "buildkit-cache");
      const run = await runAction(
        "main",
        {
          context: ".",
          driver: "docker",
          platforms: platform,
          outputs: "type=cacheonly",
          provenance: "false",
          sbom: "false",
          "cache-from": `type=local,src=${cache}`,
          "cache-to": `type=local,dest=${cache},mode=max`,
        },
        { ...stepEnv, DOCKER_HOST: env.DOCKER_HOST },
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const line = /local cache .*: saved to the runner cache \((kiln-local-cache-v1-[^,]+), \d+ bytes\)/.exec(
        run.stdout,
      );
      expect(
        line,
        run.stdout
          .split("\n")
          .filter((l) => l.includes("local cache"))
          .join("\n"),
      ).not.toBeNull();
      saved.push(line![1]!);
    }
    expect(new Set(saved).size).toBe(2);
  });
});
