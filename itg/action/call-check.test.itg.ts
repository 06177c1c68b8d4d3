// `call: check`: BuildKit's build checks without building, as `docker buildx build --call=check`. Runs the main
// bundle as a runner would, and the CLI from the sources, against the stack's standalone BuildKit (remote driver);
// the findings come back through the frontend gateway (LLBBridge), never as Status warnings.
import { beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { runAction } from "../helpers/run-action.js";
import { cliExit } from "../helpers/run-cli.js";
import { loadStackEnv, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let remote: Record<string, string>;
beforeAll(async () => {
  env = await loadStackEnv();
  remote = { driver: "remote", endpoint: env.KILN_BUILDKIT_HOST, "source-date-epoch": "0" };
});

const annotations = (stdout: string, kind: "warning" | "error"): string[] =>
  stdout.split("\n").filter((l) => l.startsWith(`::${kind}`));

/** The tag must not be in the registry: a check exports nothing, even with push asked for. */
async function expectNotPushed(ref: string): Promise<void> {
  const { registry, repository, tag } = parseReference(ref);
  await expect(getManifest({ registry, repository }, tag)).rejects.toThrow(/HTTP 404/);
}

describe("call: check (action)", () => {
  test("findings are warning annotations with file and line, and the step fails, exporting nothing", async () => {
    // FromAsCasing on line 1, LegacyKeyValueFormat on line 2 (a key that SecretsUsedInArgOrEnv leaves alone).
    const ctx = await contextWith({
      "docker/app.Dockerfile": `FROM ${env.KILN_BASE_IMAGE} as base\nENV greeting hello\nRUN echo $greeting\n`,
    });
    const tag = `${env.KILN_REGISTRY}/kiln/call-check:${uniqueTag()}`;
    const run = await runAction(
      "main",
      { ...remote, call: "check", file: "docker/app.Dockerfile", tags: tag, push: "true" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(1);
    expect(annotations(run.stdout, "warning")).toEqual([
      expect.stringMatching(
        /^::warning file=docker\/app\.Dockerfile,line=1,endLine=1::FromAsCasing: 'as' and 'FROM' keywords' casing do not match \(https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\/from-as-casing\/\)$/,
      ),
      expect.stringMatching(
        /^::warning file=docker\/app\.Dockerfile,line=2,endLine=2::LegacyKeyValueFormat: "ENV key=value" should be used/,
      ),
    ]);
    expect(annotations(run.stdout, "error")).toEqual([
      expect.stringMatching(/^::error::check complete, 2 warnings have been found$/),
    ]);
    await expectNotPushed(tag);
  });

  test("a clean Dockerfile passes with no annotation and nothing exported", async () => {
    const ctx = await contextWith({
      Dockerfile: `FROM ${env.KILN_BASE_IMAGE} AS base\nENV greeting=hello\nRUN echo $greeting\n`,
    });
    const tag = `${env.KILN_REGISTRY}/kiln/call-check:${uniqueTag()}`;
    const run = await runAction(
      "main",
      { ...remote, call: "check", tags: tag, push: "true" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(annotations(run.stdout, "warning")).toEqual([]);
    expect(run.stdout).toContain("Check complete, no warnings found.");
    await expectNotPushed(tag);
  });

  test("a Dockerfile the frontend cannot parse fails with its line", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE}\nFOO bar\n` });
    const run = await runAction("main", { ...remote, call: "check" }, { GITHUB_WORKSPACE: ctx });
    expect(run.code, run.stdout.slice(-3000)).toBe(1);
    expect(annotations(run.stdout, "error")).toEqual([
      expect.stringMatching(
        /^::error file=Dockerfile,line=2,endLine=2::check failed: dockerfile parse error on line 2: unknown instruction: FOO/,
      ),
    ]);
  });
});

describe("call: check on Docker's embedded BuildKit (driver docker)", () => {
  test("a frontend without build checks (Docker 26, BuildKit v0.13) fails in one line saying what is needed", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE} as base\n` });
    const run = await runAction(
      "main",
      { driver: "docker", call: "check", "source-date-epoch": "0" },
      { GITHUB_WORKSPACE: ctx, DOCKER_HOST: env.DOCKER_HOST },
    );
    expect(run.code, run.stdout.slice(-3000)).toBe(1);
    expect(annotations(run.stdout, "warning")).toEqual([]);
    expect(annotations(run.stdout, "error")).toEqual([
      expect.stringMatching(
        /^::error::call: check needs a Dockerfile frontend with build checks \(BuildKit v0\.14 or later, or "# syntax=docker\/dockerfile:1\.8" in the Dockerfile\); Docker [^ ]+'s embedded BuildKit answered: failed to solve: unsupported request frontend\.lint$/,
      ),
    ]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("call: check (CLI)", () => {
  test("--call check prints each finding with file and line and exits 1", async () => {
    const ctx = await contextWith({ Dockerfile: `FROM ${env.KILN_BASE_IMAGE} as base\n` });
    const r = await cliExit(
      ["build", "--driver", "remote", "--endpoint", env.KILN_BUILDKIT_HOST, "--call", "check", "."],
      { ...stackProcessEnv(env), SOURCE_DATE_EPOCH: "0" },
      ctx,
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/warning: Dockerfile:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match/);
    expect(r.stderr).toMatch(/check complete, 1 warning has been found/);
  });
});
