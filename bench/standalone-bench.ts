import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KilnBundles } from "./bundles.js";
import type { ContextFixture } from "./context-fixture.js";
import { pressure, type Pressure } from "./load.js";
import { expectSuccess, timedRun, type TimedRun } from "./timed-run.js";
import type { StackConfig } from "./stack-config.js";
import { actionDefaults, runnerStepEnv } from "../itg/helpers/run-action.js";

/**
 * The clients compared on one standalone BuildKit: Kiln's CLI bundle and the action's main bundle (both with
 * driver remote on the daemon's socket, on the runner's Node.js 24; the CLI also on the machine's own Node.js),
 * `docker buildx build` with a remote builder on the same socket and with a docker-container builder on the same
 * BuildKit version's image, and BuildKit's own `buildctl build`.
 */
export type Side =
  "kiln-cli" | "kiln-cli-machine-node" | "kiln-action" | "buildx-remote" | "buildx-container" | "buildctl";

/** One timed run that succeeded and whose image (when it pushes one) is in the registry. */
export interface Sample {
  readonly ms: number;
  readonly cpuMs: number | undefined;
  readonly maxRssKiB: number | undefined;
  /** Spawn to the first dial of BuildKit's socket (Kiln only: a preloaded probe records it). */
  readonly firstConnectMs: number | undefined;
  readonly load: Pressure;
}

export const warmPlatforms = ["linux/amd64", "linux/arm64"] as const;
/** Any fixed value: every side gets the same, so every side pushes the same layers. */
export const warmEpoch = 1_700_000_000;

const DIGEST = /sha256:[0-9a-f]{64}/;

/** Throws unless `ref`'s repository holds the manifest `digest` (a run that "succeeded" without pushing fails). */
async function expectPushed(registry: string, ref: string, digest: string | undefined, what: string): Promise<void> {
  if (digest === undefined) throw new Error(`${what} reported no digest`);
  const repo = ref.slice(registry.length + 1).replace(/:[^:/]+$/, "");
  const url = `http://${registry}/v2/${repo}/manifests/${digest}`;
  const response = await fetch(url, {
    method: "HEAD",
    headers: {
      Accept: "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json",
    },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${what}: ${url} answered HTTP ${response.status}; nothing was pushed`);
}

/** What every side's command needs. */
export interface SideSetup {
  readonly repoRoot: string;
  readonly bundles: KilnBundles;
  readonly stack: StackConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly buildctl: string;
  /** unix:///... of the daemon under test, and its socket path. */
  readonly address: string;
  readonly socket: string;
  /** Names of the buildx builders on that daemon (remote) and on the image (docker-container). */
  readonly buildxRemote: string;
  readonly buildxContainer: string;
  readonly probe: string;
}

/** One build the scenarios describe once and every side runs with its own flags. */
export interface BuildJob {
  readonly context: string;
  readonly dockerfile: string;
  readonly platforms: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Push to this ref (two-platform, provenance mode=max, SBOM, SOURCE_DATE_EPOCH) or only build (cacheonly). */
  readonly push: string | undefined;
}

export function warmJob(repoRoot: string, stack: StackConfig, side: Side): BuildJob {
  const context = join(repoRoot, "bench", "fixtures", "warm");
  return {
    context,
    dockerfile: join(context, "Dockerfile"),
    platforms: warmPlatforms,
    buildArgs: { BASE: stack.baseImage },
    push: `${stack.registry}/kiln-bench/standalone-${side}:latest`,
  };
}

export function contextJob(stack: StackConfig, fixture: ContextFixture): BuildJob {
  return {
    context: fixture.context,
    dockerfile: fixture.dockerfile,
    platforms: ["linux/amd64"],
    buildArgs: { BASE: stack.baseImage },
    push: undefined,
  };
}

function kilnCliArgs(s: SideSetup, job: BuildJob): string[] {
  const args = [s.bundles.cli, "build", "--driver", "remote", "--endpoint", s.address, "-f", job.dockerfile];
  args.push("--platform", job.platforms.join(","));
  for (const [k, v] of Object.entries(job.buildArgs)) args.push("--build-arg", `${k}=${v}`);
  if (job.push === undefined) {
    args.push("--output", "type=cacheonly", "--provenance", "false", "--sbom", "false");
    args.push("--source-date-epoch", "none");
  } else {
    args.push("-t", job.push, "--push", "--provenance", "mode=max");
    args.push("--sbom-generator", s.stack.sbomGenerator, "--source-date-epoch", String(warmEpoch));
  }
  return [...args, job.context];
}

function buildxArgs(s: SideSetup, job: BuildJob, builder: string, metadata: string): string[] {
  const args = ["buildx", "build", "--builder", builder, "--progress=plain", "-f", job.dockerfile];
  args.push("--platform", job.platforms.join(","), "--metadata-file", metadata);
  for (const [k, v] of Object.entries(job.buildArgs)) args.push("--build-arg", `${k}=${v}`);
  if (job.push === undefined) {
    args.push("--provenance=false", "--sbom=false", "--output", "type=cacheonly");
  } else {
    args.push("--provenance=mode=max", `--sbom=generator=${s.stack.sbomGenerator}`);
    args.push("--output", `type=image,name=${job.push},push=true,rewrite-timestamp=true`);
  }
  return [...args, job.context];
}

function buildctlArgs(s: SideSetup, job: BuildJob, metadata: string): string[] {
  const args = ["--addr", s.address, "build", "--progress=plain", "--frontend", "dockerfile.v0"];
  args.push("--local", `context=${job.context}`, "--local", `dockerfile=${join(job.dockerfile, "..")}`);
  args.push("--opt", `platform=${job.platforms.join(",")}`, "--metadata-file", metadata);
  for (const [k, v] of Object.entries(job.buildArgs)) args.push("--opt", `build-arg:${k}=${v}`);
  if (job.push !== undefined) {
    // What buildx does with SOURCE_DATE_EPOCH in its environment.
    args.push("--opt", `build-arg:SOURCE_DATE_EPOCH=${warmEpoch}`, "--opt", "attest:provenance=mode=max");
    args.push("--opt", `attest:sbom=generator=${s.stack.sbomGenerator}`);
    args.push("--output", `type=image,name=${job.push},push=true,rewrite-timestamp=true`);
  }
  return args;
}

/** Runs one side's build of `job` once; throws (never returns a sample) unless it built and, if asked, pushed. */
export async function runSide(
  s: SideSetup,
  side: Side,
  job: BuildJob,
  nodeArgs: readonly string[] = [],
): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-bench-run-"));
  try {
    const load = await pressure();
    const metadata = join(dir, "metadata.json");
    const probeFile = join(dir, "first-connect");
    const probeEnv = { KILN_BENCH_FIRST_CONNECT: probeFile, KILN_BENCH_SOCKET: s.socket };
    const kilnNode = [...nodeArgs, "--import", s.probe];
    let run: TimedRun;
    let digest: string | undefined;
    const spawnedAt = performance.timeOrigin + performance.now();
    switch (side) {
      case "kiln-cli":
      case "kiln-cli-machine-node": {
        // The CLI keeps Node's compile cache between runs (under the temp dir), as on a developer's machine.
        const node = side === "kiln-cli" ? s.stack.runnerNode : process.execPath;
        run = await timedRun(node, [...kilnNode, ...kilnCliArgs(s, job)], {
          env: { ...s.env, ...probeEnv },
          cwd: s.repoRoot,
          cpu: true,
        });
        expectSuccess(`kiln build (${side})`, run);
        digest = DIGEST.exec(/"digest":\s*"([^"]+)"/.exec(run.stdout)?.[1] ?? "")?.[0];
        break;
      }
      case "kiln-action": {
        const env = await actionEnv(s, job, dir);
        // A hosted runner starts every job on a fresh machine: the compile cache is empty each run.
        run = await timedRun(s.stack.runnerNode, [...kilnNode, s.bundles.main], {
          env: { ...env, ...probeEnv, NODE_COMPILE_CACHE: join(dir, "compile-cache") },
          cwd: job.context,
          cpu: true,
        });
        expectSuccess(`dist/main/index.js (${side})`, run);
        if (/^::error/m.test(run.stdout)) throw new Error(`the action reported an error:\n${run.stdout.slice(-3000)}`);
        const outputs = await readFile(env["GITHUB_OUTPUT"] ?? "", "utf8");
        digest = /^digest<<(\S+)\n(sha256:[0-9a-f]{64})$/m.exec(outputs)?.[2];
        break;
      }
      case "buildx-remote":
      case "buildx-container": {
        const builder = side === "buildx-remote" ? s.buildxRemote : s.buildxContainer;
        run = await timedRun("docker", buildxArgs(s, job, builder, metadata), {
          env: { ...s.env, SOURCE_DATE_EPOCH: String(warmEpoch) },
          cpu: true,
        });
        expectSuccess(`docker buildx build (${side})`, run);
        if (job.push !== undefined) {
          digest = DIGEST.exec(JSON.parse(await readFile(metadata, "utf8"))["containerimage.digest"] ?? "")?.[0];
        }
        break;
      }
      case "buildctl": {
        run = await timedRun(s.buildctl, buildctlArgs(s, job, metadata), { env: s.env, cpu: true });
        expectSuccess(`buildctl build (${side})`, run);
        if (job.push !== undefined) {
          digest = DIGEST.exec(JSON.parse(await readFile(metadata, "utf8"))["containerimage.digest"] ?? "")?.[0];
        }
        break;
      }
    }
    if (job.push !== undefined) await expectPushed(s.stack.registry, job.push, digest, side);
    const probed = await readFile(probeFile, "utf8").catch(() => undefined);
    return {
      ms: run.ms,
      cpuMs: run.cpuMs,
      maxRssKiB: run.maxRssKiB,
      firstConnectMs: probed === undefined ? undefined : Number(probed.split(" ")[0]) - spawnedAt,
      load,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The runner's environment for the action's step (itg/helpers/run-action.ts), the build as inputs. */
async function actionEnv(s: SideSetup, job: BuildJob, dir: string): Promise<NodeJS.ProcessEnv> {
  const inputs: Record<string, string> = {
    ...(await actionDefaults()),
    context: ".",
    file: job.dockerfile,
    driver: "remote",
    endpoint: s.address,
    platforms: job.platforms.join(","),
    "build-args": Object.entries(job.buildArgs)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  };
  if (job.push === undefined) {
    Object.assign(inputs, { outputs: "type=cacheonly", provenance: "false", sbom: "false" });
    inputs["source-date-epoch"] = "none";
  } else {
    Object.assign(inputs, { tags: job.push, push: "true", provenance: "mode=max" });
    inputs["sbom-generator"] = s.stack.sbomGenerator;
    inputs["source-date-epoch"] = String(warmEpoch);
  }
  return runnerStepEnv(dir, inputs, {
    PATH: s.env["PATH"] ?? "",
    HOME: s.env["HOME"] ?? "/root",
    DOCKER_HOST: s.stack.dockerHost,
    GITHUB_WORKFLOW: "bench",
    GITHUB_WORKSPACE: job.context,
  });
}

/** Creates the two buildx builders (untimed); returns a function that removes them. */
export async function createBuildxBuilders(
  s: Pick<SideSetup, "env" | "address" | "buildxRemote" | "buildxContainer">,
  image: string,
  config: string,
): Promise<() => Promise<void>> {
  const docker = (args: string[]) => timedRun("docker", args, { env: s.env, timeoutMs: 300_000 });
  const remove = async () => {
    for (const name of [s.buildxRemote, s.buildxContainer]) await docker(["buildx", "rm", "-f", name]);
  };
  await remove();
  expectSuccess(
    "docker buildx create --driver remote",
    await docker(["buildx", "create", "--name", s.buildxRemote, "--driver", "remote", s.address, "--bootstrap"]),
  );
  expectSuccess(
    "docker buildx create --driver docker-container",
    await docker(containerCreateArgs(s.buildxContainer, image, config)),
  );
  return remove;
}

/** `docker buildx create` of a docker-container builder on `image`, network host (to reach the loopback registry). */
export function containerCreateArgs(name: string, image: string, config: string): string[] {
  return [
    "buildx",
    "create",
    "--name",
    name,
    "--driver",
    "docker-container",
    "--driver-opt",
    `image=${image},network=host`,
    "--buildkitd-config",
    config,
    "--bootstrap",
  ];
}
