import { pressure } from "./load.js";
import { containerCreateArgs, warmJob, type Sample, type SideSetup } from "./standalone-bench.js";
import type { StackConfig } from "./stack-config.js";
import { expectSuccess, timedRun, type TimedRun } from "./timed-run.js";

/**
 * docker-container bootstrap from nothing (no container, no state volume; the image present) to the end of the
 * first build: the warm fixture, one platform, cache only. Both sides run on the stack's SECOND dockerd: the Kiln
 * CLI's builder is always named `kiln`, and removing `kiln_buildkit_kiln` on the shared Docker could pull it
 * from under someone else's test.
 */
export type BootstrapSide = "kiln-cli" | "buildx-container";
export const bootstrapSides: readonly BootstrapSide[] = ["kiln-cli", "buildx-container"];

/** The Kiln CLI's builder (src/builder/open-builder.ts names it `kiln`; container-plan.ts derives these). */
const kilnContainer = "kiln_buildkit_kiln";
const kilnVolume = `${kilnContainer}_state`;

export interface BootstrapSetup {
  readonly side: SideSetup;
  readonly stack: StackConfig;
  /** unix:// address of the dockerd the builders' containers run on. */
  readonly dockerHost: string;
  /** buildkitd.toml both sides give their builder (the plain-HTTP registry). */
  readonly config: string;
}

const docker = (b: BootstrapSetup, args: string[], cpu = false): Promise<TimedRun> =>
  timedRun("docker", args, { env: { ...b.side.env, DOCKER_HOST: b.dockerHost }, cpu, timeoutMs: 300_000 });

/** Removes what a bootstrap run leaves (either side's container and volume); missing pieces are fine. */
async function clean(b: BootstrapSetup, buildxName: string): Promise<void> {
  await docker(b, ["buildx", "rm", "-f", buildxName]);
  await docker(b, ["rm", "-f", kilnContainer]);
  await docker(b, ["volume", "rm", "-f", kilnVolume, `buildx_buildkit_${buildxName}0_state`]);
}

function buildArgs(b: BootstrapSetup): string[] {
  const job = warmJob(b.side.repoRoot, b.stack, "buildx-container");
  return [
    "--platform",
    "linux/amd64",
    "--build-arg",
    `BASE=${b.stack.baseImage}`,
    "--output",
    "type=cacheonly",
    job.context,
  ];
}

/** One timed bootstrap + first build; the builder's container and volume are removed before and after. */
export async function bootstrapRun(b: BootstrapSetup, side: BootstrapSide, run: number): Promise<Sample> {
  const buildxName = `kiln-bench-bootstrap-${process.pid}-${run}`;
  await clean(b, buildxName);
  const load = await pressure();
  try {
    if (side === "kiln-cli") {
      const args = [b.side.bundles.cli, "build", "--driver", "docker-container"];
      args.push("--driver-opt", `image=${b.stack.buildkitImage},network=host`, "--buildkitd-config", b.config);
      args.push("--provenance", "false", "--sbom", "false", "--source-date-epoch", "none", "--progress", "quiet");
      const r = expectSuccess(
        "kiln build --driver docker-container (first build)",
        await timedRun(b.stack.runnerNode, [...args, ...buildArgs(b)], {
          env: { ...b.side.env, DOCKER_HOST: b.dockerHost },
          cwd: b.side.repoRoot,
          cpu: true,
          timeoutMs: 300_000,
        }),
      );
      return { ms: r.ms, cpuMs: r.cpuMs, maxRssKiB: r.maxRssKiB, firstConnectMs: undefined, load };
    }
    const create = expectSuccess(
      "docker buildx create --bootstrap",
      await docker(b, containerCreateArgs(buildxName, b.stack.buildkitImage, b.config), true),
    );
    const build = expectSuccess(
      "docker buildx build (first build)",
      await docker(b, ["buildx", "build", "--builder", buildxName, ...buildArgs(b)], true),
    );
    return {
      ms: create.ms + build.ms,
      cpuMs: (create.cpuMs ?? 0) + (build.cpuMs ?? 0),
      maxRssKiB: Math.max(create.maxRssKiB ?? 0, build.maxRssKiB ?? 0),
      firstConnectMs: undefined,
      load,
    };
  } finally {
    await clean(b, buildxName);
  }
}
