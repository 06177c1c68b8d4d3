// The default gha scope through the action's main bundle, with the emulated runner (scripts/stack/github-emulator.mjs)
// and the real BuildKit gha backend (standalone v0.26.3, cache service v2): a job on the default branch exports
// `type=gha`, the builder's cache is then gone, and a job on a feature branch, whose runtime token may write only
// its own ref and read the default branch's, gets every RUN step from the default branch's cache. That works only
// when both jobs use the same scope name: one per workflow, not per ref (issue 16). Needs `npm run build` first.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadGithubStack, runnerStep, type GithubStack } from "../helpers/github-runner.js";
import { stackOwnBuildkitd, startOwnBuildkitd, type OwnBuildkitd } from "../helpers/own-buildkitd.js";
import { runAction, type ActionRun } from "../helpers/run-action.js";
import { loadStackEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

const FILE_COMMANDS = ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"];

/** Step numbers of the RUN steps in buildx's plain log, and whether each was reported CACHED. */
function runSteps(stdout: string): { name: string; cached: boolean }[] {
  const lines = stdout.split("\n");
  const steps = new Map<string, string>();
  for (const line of lines) {
    const m = /^#(\d+) (\[[^\]]*\] RUN .*)$/.exec(line);
    if (m) steps.set(m[1]!, m[2]!);
  }
  return [...steps].map(([n, name]) => ({ name, cached: lines.includes(`#${n} CACHED`) }));
}

describe("type=gha, one scope per workflow: a feature branch reads the default branch's cache", () => {
  let env: StackEnv;
  let gh: GithubStack;
  let temp: string;
  let own: OwnBuildkitd;
  // Branch names of their own: the emulator keeps entries by ref, and earlier runs of this test must not count.
  const main = uniqueTag("main");
  const feature = uniqueTag("feature");
  const probe = uniqueTag("probe");

  beforeAll(async () => {
    env = await loadStackEnv();
    gh = await loadGithubStack();
    temp = await mkdtemp(join(tmpdir(), "kiln-itg-gha-scope-"));
    // A buildkitd of this test's own, so the prune between the jobs wipes nobody else's cache.
    own = await startOwnBuildkitd({ ...stackOwnBuildkitd(env), killOnExit: true });
  });

  afterAll(async () => {
    await own?.stop();
    await rm(temp, { recursive: true, force: true });
  });

  async function job(branch: string, name: string, inputs: Record<string, string>): Promise<ActionRun> {
    const step = await runnerStep(gh, {
      ref: `refs/heads/${branch}`,
      defaultBranch: main,
      dir: join(temp, name),
      workflow: "ci",
      job: `gha${process.pid}${name}`,
    });
    const stepEnv = Object.fromEntries(Object.entries(step.env).filter(([k]) => !FILE_COMMANDS.includes(k)));
    await writeFile(
      join(stepEnv["GITHUB_WORKSPACE"]!, "Dockerfile"),
      `FROM ${env.KILN_BASE_IMAGE}\nRUN echo ${probe}-${name.split("-")[0]} > /probe && head -c 64 /dev/urandom > /random\nRUN cat /probe /random > /both\n`,
    );
    const runEnv = { ...stepEnv, DOCKER_HOST: env.DOCKER_HOST };
    const all = { context: ".", provenance: "false", sbom: "false", outputs: "type=cacheonly", ...inputs };
    const ran = await runAction("main", all, runEnv);
    // The post step removes a docker-container builder (and its state volume: the cache is gone after it).
    await runAction("post", all, runEnv, ran.state);
    return ran;
  }

  const cases: [string, () => Record<string, string>, () => Promise<void>][] = [
    ["remote (the standalone BuildKit)", () => ({ driver: "remote", endpoint: own.address }), () => own.prune()],
    [
      "docker-container (the BuildKit image)",
      () => ({ driver: "docker-container", "driver-opts": `image=${env.KILN_BUILDKIT_IMAGE}` }),
      // The post step removed the container and its state volume: the next job's builder starts empty.
      async () => {},
    ],
  ];

  test.each(cases)("%s", async (label, builder, prune) => {
    const tag = label.split(" ")[0]!;
    const exported = await job(main, `${tag}-export`, {
      ...builder(),
      "cache-to": "type=gha,mode=max,ignore-error=false",
    });
    expect(exported.code, exported.stdout + exported.stderr).toBe(0);
    expect(runSteps(exported.stdout).map((s) => s.cached)).toEqual([false, false]);
    await prune();

    const imported = await job(feature, `${tag}-import`, { ...builder(), "cache-from": "type=gha" });
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const steps = runSteps(imported.stdout);
    expect(steps, imported.stdout).toEqual([
      { name: expect.stringContaining("RUN echo") as string, cached: true },
      { name: expect.stringContaining("RUN cat") as string, cached: true },
    ]);
  });
});
