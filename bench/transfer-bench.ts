import { performance } from "node:perf_hooks";
import { BuildkitClient, dockerfileFrontendAttrs, type FileSyncTransfer } from "../src/buildkit/index.js";
import { dockerEndpoint } from "../src/builder/docker-endpoint.js";
import { parseDockerHost } from "../src/docker/index.js";
import type { KilnBundles } from "./bundles.js";
import { touchOneFile, type ContextFixture } from "./context-fixture.js";
import { StepTimes, addBuildxRawJson, type StepTime } from "./step-times.js";
import { expectSuccess, timedRun } from "./timed-run.js";
import type { StackConfig } from "./stack-config.js";

/** The three ways the context is built: Kiln's CLI bundle and library, and the reference. */
export type TransferSide = "kiln-cli" | "kiln-library" | "buildx";
export const transferSides: readonly TransferSide[] = ["kiln-cli", "kiln-library", "buildx"];

/**
 * Everything file sync sent for one local dir in one solve. The frontend asks for the context dir more than once
 * (first only `.dockerignore`, then the files), so the calls are added up.
 */
function totalSent(transfers: readonly FileSyncTransfer[]): FileSyncTransfer | undefined {
  const first = transfers[0];
  if (first === undefined) return undefined;
  return transfers.reduce((sum, t) => ({
    dir: sum.dir,
    statsSent: sum.statsSent + t.statsSent,
    filesSent: sum.filesSent + t.filesSent,
    bytesSent: sum.bytesSent + t.bytesSent,
  }));
}

/** One build of the context fixture. */
export interface TransferSample {
  /** Whole process for the CLI and buildx; connect + solve + close for the library. */
  readonly ms: number;
  /** "[internal] load build context" as the daemon timed it; not known for the CLI (its log has no timestamps). */
  readonly contextStep: StepTime | undefined;
  /** "COPY . /ctx" as the daemon timed it. */
  readonly copyStep: StepTime | undefined;
  /** The library's own count of what file sync sent for the context. */
  readonly sent: FileSyncTransfer | undefined;
  /** CPU time of the client: the process and its children, or the bench process for the library. */
  readonly cpuMs: number | undefined;
}

export interface TransferRun {
  readonly side: TransferSide;
  readonly cold: TransferSample;
  readonly incremental: TransferSample;
}

const contextStepName = "[internal] load build context";
const copyStepName = /COPY \. \/ctx$/;

/**
 * Every cold build starts from the same daemon state: no build cache at all (so no copy of the context), and no
 * dirty pages left to write back. Without the `sync`, the ~370 MB the previous build wrote (and the prune deleted)
 * were still being flushed during the next build, which made whichever side came next up to 40% slower.
 */
export async function pruneBuildCache(env: NodeJS.ProcessEnv): Promise<void> {
  expectSuccess("docker buildx prune -af", await timedRun("docker", ["buildx", "prune", "-af"], { env }));
  expectSuccess("sync", await timedRun("sync", [], { env }));
}

function kilnCliArgs(bundles: KilnBundles, stack: StackConfig, fixture: ContextFixture): string[] {
  return [
    bundles.cli,
    "build",
    "--driver",
    "docker",
    "--platform",
    "linux/amd64",
    "-f",
    fixture.dockerfile,
    "--output",
    "type=cacheonly",
    "--provenance",
    "false",
    "--sbom",
    "false",
    "--source-date-epoch",
    "none",
    "--build-arg",
    `BASE=${stack.baseImage}`,
    fixture.context,
  ];
}

function buildxArgs(stack: StackConfig, fixture: ContextFixture): string[] {
  return [
    "buildx",
    "build",
    // rawjson carries the daemon's step timestamps; it is no more output than plain.
    "--progress=rawjson",
    "--platform",
    "linux/amd64",
    "-f",
    fixture.dockerfile,
    "--provenance=false",
    "--sbom=false",
    "--output",
    "type=cacheonly",
    "--build-arg",
    `BASE=${stack.baseImage}`,
    fixture.context,
  ];
}

async function buildWithCli(
  repoRoot: string,
  bundles: KilnBundles,
  stack: StackConfig,
  fixture: ContextFixture,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<TransferSample> {
  const run = expectSuccess(
    "kiln build (context)",
    await timedRun(process.execPath, [...nodeArgs, ...kilnCliArgs(bundles, stack, fixture)], {
      env,
      cwd: repoRoot,
      cpu: true,
    }),
  );
  return { ms: run.ms, contextStep: undefined, copyStep: undefined, sent: undefined, cpuMs: run.cpuMs };
}

/** One cold build by the CLI bundle with extra Node flags (`--cpu-prof`), for the profile section. */
export async function coldCliBuild(
  repoRoot: string,
  bundles: KilnBundles,
  stack: StackConfig,
  fixture: ContextFixture,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[],
): Promise<TransferSample> {
  await pruneBuildCache(env);
  return buildWithCli(repoRoot, bundles, stack, fixture, env, nodeArgs);
}

async function buildWithBuildx(
  stack: StackConfig,
  fixture: ContextFixture,
  env: NodeJS.ProcessEnv,
): Promise<TransferSample> {
  const run = expectSuccess(
    "docker buildx build (context)",
    await timedRun("docker", buildxArgs(stack, fixture), { env, cpu: true }),
  );
  const times = new StepTimes();
  addBuildxRawJson(times, run.stderr);
  return {
    ms: run.ms,
    contextStep: times.step(contextStepName),
    copyStep: times.step(copyStepName),
    sent: undefined,
    cpuMs: run.cpuMs,
  };
}

/**
 * Kiln's library with no exporter (what `--output type=cacheonly` plans): connect, solve, close, in this process.
 * The shared key is fixed, so the incremental build finds the cold build's copy.
 */
async function buildWithLibrary(stack: StackConfig, fixture: ContextFixture): Promise<TransferSample> {
  const times = new StepTimes();
  const sent: FileSyncTransfer[] = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const client = await BuildkitClient.connect(dockerEndpoint(parseDockerHost(stack.dockerHost)));
  try {
    await client.solve(
      {
        frontend: "dockerfile.v0",
        frontendAttrs: dockerfileFrontendAttrs({ platforms: ["linux/amd64"], buildArgs: { BASE: stack.baseImage } }),
        exporters: [],
        cacheImports: [],
        cacheExports: [],
        entitlements: [],
        localDirs: new Map([
          ["context", fixture.context],
          ["dockerfile", fixture.dockerfileDir],
        ]),
        sharedKey: "kiln-bench-context",
      },
      { onStatus: (s) => times.addKiln(s), onFileSync: (t) => sent.push(t) },
    );
  } finally {
    await client.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ms: performance.now() - started,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    contextStep: times.step(contextStepName),
    copyStep: times.step(copyStepName),
    sent: totalSent(sent.filter((t) => t.dir === "context")),
  };
}

function buildOnce(
  side: TransferSide,
  repoRoot: string,
  bundles: KilnBundles,
  stack: StackConfig,
  fixture: ContextFixture,
  env: NodeJS.ProcessEnv,
): Promise<TransferSample> {
  switch (side) {
    case "kiln-cli":
      return buildWithCli(repoRoot, bundles, stack, fixture, env);
    case "kiln-library":
      return buildWithLibrary(stack, fixture);
    case "buildx":
      return buildWithBuildx(stack, fixture, env);
  }
}

/**
 * One run of scenario 1 for one side: prune everything, build (cold: the daemon has no copy of the context), change
 * one small file, build again (incremental: only that file should travel, then COPY runs again).
 */
export async function transferRun(
  side: TransferSide,
  run: number,
  repoRoot: string,
  bundles: KilnBundles,
  stack: StackConfig,
  fixture: ContextFixture,
  env: NodeJS.ProcessEnv,
): Promise<TransferRun> {
  await pruneBuildCache(env);
  const cold = await buildOnce(side, repoRoot, bundles, stack, fixture, env);
  await touchOneFile(fixture, `${side}-${run}`);
  const incremental = await buildOnce(side, repoRoot, bundles, stack, fixture, env);
  return { side, cold, incremental };
}
