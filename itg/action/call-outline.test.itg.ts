// `call: outline` and `call: targets` (with `,format=json`), as `docker buildx build --call=outline|targets`: the
// Dockerfile frontend's answer through the gateway (LLBBridge), nothing built or pushed. Runs the in-process pipeline,
// the CLI and the action's main from the sources (tsx; no bundle) against the stack's standalone BuildKit (remote
// driver), and the pipeline on Docker 26's embedded BuildKit v0.13 (driver docker).
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contextWith } from "../helpers/build-fixture.js";
import { runPipelineWith, type PipelineRun } from "../helpers/pipeline-run.js";
import { getManifest, parseReference } from "../helpers/registry-http.js";
import { runAction } from "../helpers/run-action.js";
import { cliExit } from "../helpers/run-cli.js";
import { loadStackEnv, REPO_ROOT, run, stackProcessEnv, uniqueTag, type StackEnv } from "../helpers/stack-env.js";

let env: StackEnv;
let ctx: string;
let remote: Record<string, string>;

// Three stages; descriptions and ARG descriptions are comments that start with the stage's or arg's name, as the
// Dockerfile frontend reads them. `release` uses a required secret and an optional one, and the default SSH agent.
const dockerfile = (base: string): string => `# base holds what every stage shares
FROM ${base} AS base
# VERSION is the release to package
ARG VERSION=1.2.3
ARG DEBUG
RUN --mount=type=secret,id=token,required=true echo "$VERSION $DEBUG"

# release builds the image we ship
FROM base AS release
# CHANNEL picks the update channel
ARG CHANNEL=stable
RUN --mount=type=ssh echo "$CHANNEL"
RUN --mount=type=secret,id=npmrc echo

FROM base AS test
RUN echo test
`;

// What buildx prints (BuildKit's PrintTargets / PrintOutline layout: Go tabwriter, trailing padding included).
const TARGETS_TEXT = [
  "TARGET         DESCRIPTION",
  "base           holds what every stage shares",
  "release        builds the image we ship",
  "test (default) ",
  "",
].join("\n");
const OUTLINE_RELEASE_TEXT = [
  "TARGET:      release",
  "DESCRIPTION: builds the image we ship",
  "",
  "BUILD ARG   VALUE    DESCRIPTION",
  "VERSION     1.2.3    is the release to package",
  `DEBUG${" ".repeat(7 + 9)}`, // no value, no description: both columns padded
  "CHANNEL     stable   picks the update channel",
  "",
  "SECRET   REQUIRED",
  "token    true",
  "npmrc    ",
  "",
  "SSH       REQUIRED",
  "default   ",
  "",
  "",
].join("\n");

beforeAll(async () => {
  env = await loadStackEnv();
  remote = { driver: "remote", endpoint: env.KILN_BUILDKIT_HOST, "source-date-epoch": "0" };
  ctx = await contextWith({ Dockerfile: dockerfile(env.KILN_BASE_IMAGE) });
});

/** The answer a successful call printed; fails with the run's failure lines otherwise. */
function answerOf(run: PipelineRun): string {
  if (!run.result.ok) throw new Error(run.result.failures.map((f) => f.message).join("\n"));
  const call = run.result.outcome.call;
  if (!call) throw new Error("the run printed no answer");
  return call.stdout;
}

/** No step of the Dockerfile ran: a call asks the frontend, it builds nothing. */
function expectNothingBuilt(run: PipelineRun): void {
  if (!run.result.ok) throw new Error("run failed");
  expect(run.result.outcome.record.list().filter((s) => /RUN|echo/.test(s.name))).toEqual([]);
}

async function expectNotPushed(ref: string): Promise<void> {
  const { registry, repository, tag } = parseReference(ref);
  await expect(getManifest({ registry, repository }, tag)).rejects.toThrow(/HTTP 404/);
}

describe("call: targets / outline (pipeline, standalone BuildKit)", () => {
  test("targets lists every stage with its description and the default, pushing nothing", async () => {
    const tag = `${env.KILN_REGISTRY}/kiln/call-outline:${uniqueTag()}`;
    const run = await runPipelineWith({ ...remote, context: ctx, call: "targets", tags: tag, push: "true" }, {});
    expect(answerOf(run)).toBe(TARGETS_TEXT);
    expectNothingBuilt(run);
    await expectNotPushed(tag);
    if (!run.result.ok) return;
    expect([run.result.outputs["digest"], run.result.outputs["imageid"]]).toEqual(["", ""]);
  });

  test("targets,format=json is the frontend's JSON, holding the same stages", async () => {
    const run = await runPipelineWith({ ...remote, context: ctx, call: "targets,format=json" }, {});
    const json = JSON.parse(answerOf(run)) as { targets: Record<string, unknown>[] };
    expect(json.targets.map((t) => [t["name"], t["description"], t["default"] ?? false, t["base"]])).toEqual([
      ["base", "holds what every stage shares", false, env.KILN_BASE_IMAGE],
      ["release", "builds the image we ship", false, "base"],
      ["test", undefined, true, "base"],
    ]);
  });

  test("outline of a target: its args with defaults and descriptions, the secrets and SSH it uses", async () => {
    const run = await runPipelineWith({ ...remote, context: ctx, call: "outline", target: "release" }, {});
    expect(answerOf(run)).toBe(OUTLINE_RELEASE_TEXT);
    expectNothingBuilt(run);
  });

  test("outline,format=json parses to the same outline, and the metadata output holds it as buildx's file does", async () => {
    const run = await runPipelineWith({ ...remote, context: ctx, call: "outline,format=json", target: "release" }, {});
    const json = JSON.parse(answerOf(run)) as Record<string, unknown>;
    const pick = (list: unknown, keys: string[]): unknown[] =>
      (list as Record<string, unknown>[]).map((o) => keys.map((k) => o[k]));
    expect([json["name"], json["description"]]).toEqual(["release", "builds the image we ship"]);
    expect(pick(json["args"], ["name", "value", "description"])).toEqual([
      ["VERSION", "1.2.3", "is the release to package"],
      ["DEBUG", undefined, undefined],
      ["CHANNEL", "stable", "picks the update channel"],
    ]);
    expect(pick(json["secrets"], ["name", "required"])).toEqual([
      ["token", true],
      ["npmrc", undefined],
    ]);
    expect(pick(json["ssh"], ["name", "required"])).toEqual([["default", undefined]]);
    if (!run.result.ok) return;
    const metadata = JSON.parse(run.result.outputs["metadata"]!) as Record<string, unknown>;
    expect(metadata["result.json"]).toEqual(json);
    expect(metadata["result.txt"]).toBe(OUTLINE_RELEASE_TEXT);
  });

  test("an invalid call value is one line naming the input", async () => {
    const run = await runPipelineWith({ ...remote, context: ctx, call: "outline,format=yaml" }, {});
    expect(run.result.ok).toBe(false);
    if (run.result.ok) return;
    expect(run.result.failures.map((f) => f.message)).toEqual([
      'call: expected "format=json" or "format=text" after "outline", got "format=yaml"',
    ]);
  });
});

describe("call: targets / outline on Docker's embedded BuildKit (driver docker)", () => {
  // The reference: buildx 0.13.1 (the stack's; `--call` came in 0.15, its `--print` needs BUILDX_EXPERIMENTAL) on the
  // same daemon prints what Kiln prints, byte for byte. Progress plain: with quiet, 0.13 also prints an image ID.
  const buildxPrint = async (args: string[]): Promise<string> =>
    (
      await run("docker", ["buildx", "build", "--progress=plain", ...args, "."], {
        env: { ...stackProcessEnv(env), BUILDX_EXPERIMENTAL: "1" },
        cwd: ctx,
        timeoutMs: 300_000,
      })
    ).stdout;

  test("Docker 26's BuildKit v0.13 answers both, and Kiln prints what buildx prints", async () => {
    const docker = { driver: "docker", "source-date-epoch": "0", context: ctx };
    const dockerEnv = { DOCKER_HOST: env.DOCKER_HOST };
    const targets = answerOf(await runPipelineWith({ ...docker, call: "targets" }, dockerEnv));
    expect(targets).toBe(TARGETS_TEXT);
    expect(targets).toBe(await buildxPrint(["--print=targets"]));
    const outline = answerOf(await runPipelineWith({ ...docker, call: "outline", target: "release" }, dockerEnv));
    expect(outline).toBe(OUTLINE_RELEASE_TEXT);
    expect(outline).toBe(await buildxPrint(["--print=outline", "--target", "release"]));
  });
});

describe("call: targets / outline (CLI)", () => {
  const cli = (args: string[]) =>
    cliExit(
      ["build", "--driver", "remote", "--endpoint", env.KILN_BUILDKIT_HOST, ...args, "."],
      { ...stackProcessEnv(env), SOURCE_DATE_EPOCH: "0" },
      ctx,
    );

  test("--call targets prints the table on stdout, as buildx does, even with -q", async () => {
    for (const extra of [[], ["-q"]]) {
      const r = await cli(["--call", "targets", ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(TARGETS_TEXT);
    }
  });

  test("--call outline,format=json --target release prints the outline as JSON", async () => {
    const r = await cli(["--call", "outline,format=json", "--target", "release"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { name: string; args: { name: string }[] };
    expect([json.name, json.args.map((a) => a.name)]).toEqual(["release", ["VERSION", "DEBUG", "CHANNEL"]]);
  });

  test("an invalid --call is one line naming the flag", async () => {
    const r = await cli(["--call", "lint-everything"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      'error: --call: expected "build", "check", "outline" or "targets" (outline and targets may add ",format=json"), got "lint-everything"',
    ]);
  });
});

describe("call: targets / outline (action's main from the sources)", () => {
  // runAction runs `<KILN_ACTION_DIST>/main/index.js` with the runner's Node; this one loads src/action/main.ts
  // through tsx, so the test needs no bundle (dist/ is rebuilt by the lead at the end).
  let shim: string;
  const previous = process.env["KILN_ACTION_DIST"];
  beforeAll(async () => {
    shim = await mkdtemp(join(tmpdir(), "kiln-action-src-"));
    await mkdir(join(shim, "main"));
    await writeFile(join(shim, "package.json"), '{"type":"module"}\n');
    await writeFile(
      join(shim, "main", "index.js"),
      `import { register } from ${JSON.stringify(join(REPO_ROOT, "node_modules/tsx/dist/esm/api/index.mjs"))};\n` +
        `register();\nawait import(${JSON.stringify(join(REPO_ROOT, "src/action/main.ts"))});\n`,
    );
    process.env["KILN_ACTION_DIST"] = shim;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env["KILN_ACTION_DIST"];
    else process.env["KILN_ACTION_DIST"] = previous;
  });

  test("targets: the table in the log, only the metadata output, no summary, nothing pushed", async () => {
    const tag = `${env.KILN_REGISTRY}/kiln/call-outline:${uniqueTag()}`;
    const run = await runAction(
      "main",
      { ...remote, call: "targets", tags: tag, push: "true" },
      { GITHUB_WORKSPACE: ctx },
    );
    expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toContain(TARGETS_TEXT);
    expect(Object.keys(run.outputs)).toEqual(["metadata"]);
    const metadata = JSON.parse(run.outputs["metadata"]!) as { "result.json": { targets: { name: string }[] } };
    expect(metadata["result.json"].targets.map((t) => t.name)).toEqual(["base", "release", "test"]);
    expect(run.summary).toBe("");
    await expectNotPushed(tag);
  });

  test("an invalid call value is one ::error line naming the input", async () => {
    const run = await runAction("main", { ...remote, call: "outlines" }, { GITHUB_WORKSPACE: ctx });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("::error"))).toEqual([
      '::error::call: expected "build", "check", "outline" or "targets" (outline and targets may add ",format=json"), got "outlines"',
    ]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
