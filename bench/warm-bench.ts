import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KilnBundles } from "./bundles.js";
import { expectSuccess, timedRun, type TimedRun } from "./timed-run.js";
import type { StackConfig } from "./stack-config.js";
import { actionDefaults, runnerStepEnv } from "../itg/helpers/run-action.js";

/** Scenario 2 is the CLI bundle, scenario 3 the action's main bundle run as a runner runs it. */
export type WarmSide = "kiln-cli" | "kiln-action" | "buildx";
export const warmSides: readonly WarmSide[] = ["kiln-cli", "kiln-action", "buildx"];

export const warmPlatforms = ["linux/amd64", "linux/arm64"] as const;
/** Any fixed value: both sides get the same one, so both push the same layers. */
export const warmEpoch = 1_700_000_000;

export interface WarmSample {
  readonly ms: number;
  readonly firstOutputMs: number;
  readonly exitLagMs: number;
  /** User + system CPU time of the process and its children. */
  readonly cpuMs: number | undefined;
  /** What Kiln itself reports as the build's duration ("built in 0.6s" / the summary's total), when it does. */
  readonly reportedMs: number | undefined;
}

/**
 * buildx 0.13.1's docker driver follows a `store=false` push with "pushing <ref> with docker", which fails with
 * "tag does not exist" after BuildKit has pushed the index (docs/ARCHITECTURE.md). That exact failure is accepted,
 * as in itg/helpers/reference-build.ts, and the run is timed as it is, failure included.
 */
export const buildxTrailingPushFailure = /pushing .* with docker[\s\S]*tag does not exist/;

export function warmRef(stack: StackConfig, side: WarmSide): string {
  return `${stack.registry}/kiln-bench/warm-${side}:latest`;
}

export interface WarmBench {
  readonly run: (side: WarmSide, extraNodeArgs?: readonly string[]) => Promise<TimedRun & WarmSample>;
  readonly close: () => Promise<void>;
}

/** Prepares the three commands for the warm build of bench/fixtures/warm. */
export async function warmBench(
  repoRoot: string,
  bundles: KilnBundles,
  stack: StackConfig,
  env: NodeJS.ProcessEnv,
): Promise<WarmBench> {
  const context = join(repoRoot, "bench", "fixtures", "warm");
  const runnerDir = await mkdtemp(join(tmpdir(), "kiln-bench-runner-"));
  const defaults = await actionDefaults();

  const cliArgs = (nodeArgs: readonly string[]): string[] => [
    ...nodeArgs,
    bundles.cli,
    "build",
    "--driver",
    "docker",
    "--platform",
    warmPlatforms.join(","),
    "-t",
    warmRef(stack, "kiln-cli"),
    "--push",
    "--provenance",
    "mode=max",
    "--sbom-generator",
    stack.sbomGenerator,
    "--source-date-epoch",
    String(warmEpoch),
    "--build-arg",
    `BASE=${stack.baseImage}`,
    context,
  ];

  const buildxArgs = [
    "buildx",
    "build",
    "--progress=plain",
    "--platform",
    warmPlatforms.join(","),
    "--build-arg",
    `BASE=${stack.baseImage}`,
    "--provenance=mode=max",
    `--sbom=generator=${stack.sbomGenerator}`,
    "--output",
    `type=image,name=${warmRef(stack, "buildx")},push=true,rewrite-timestamp=true,store=false`,
    context,
  ];

  /** A fresh runner environment per run, as each workflow step gets: empty file-command files. */
  const actionEnv = (): Promise<NodeJS.ProcessEnv> =>
    runnerStepEnv(
      runnerDir,
      {
        ...defaults,
        context: ".",
        driver: "docker",
        platforms: warmPlatforms.join(","),
        tags: warmRef(stack, "kiln-action"),
        push: "true",
        provenance: "mode=max",
        "sbom-generator": stack.sbomGenerator,
        "source-date-epoch": String(warmEpoch),
        "build-args": `BASE=${stack.baseImage}`,
      },
      {
        PATH: env["PATH"] ?? "",
        HOME: env["HOME"] ?? "/root",
        DOCKER_HOST: stack.dockerHost,
        GITHUB_WORKFLOW: "bench",
        GITHUB_WORKSPACE: context,
      },
    );

  const run = async (side: WarmSide, nodeArgs: readonly string[] = []): Promise<TimedRun & WarmSample> => {
    switch (side) {
      case "kiln-cli": {
        const r = expectSuccess(
          "kiln build (warm)",
          await timedRun(process.execPath, cliArgs(nodeArgs), { env, cwd: repoRoot, cpu: true }),
        );
        const built = /built in ([\d.]+)s/.exec(r.stderr)?.[1];
        return { ...r, reportedMs: built === undefined ? undefined : Number(built) * 1000 };
      }
      case "kiln-action": {
        const r = expectSuccess(
          "dist/main/index.js (warm)",
          await timedRun(process.execPath, [...nodeArgs, bundles.main], {
            env: await actionEnv(),
            cwd: context,
            cpu: true,
          }),
        );
        if (/^::error/m.test(r.stdout)) throw new Error(`the action reported an error:\n${r.stdout.slice(-3000)}`);
        const summary = await readFile(join(runnerDir, "summary"), "utf8");
        const total = /Total time ([\d.]+)s/.exec(summary)?.[1];
        return { ...r, reportedMs: total === undefined ? undefined : Number(total) * 1000 };
      }
      case "buildx": {
        const r = expectSuccess(
          "docker buildx build (warm)",
          await timedRun("docker", buildxArgs, { env: { ...env, SOURCE_DATE_EPOCH: String(warmEpoch) }, cpu: true }),
          (output) => buildxTrailingPushFailure.test(output),
        );
        return { ...r, reportedMs: undefined };
      }
    }
  };

  return { run, close: () => rm(runnerDir, { recursive: true, force: true }) };
}
