import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startOwnBuildkitd, type OwnBuildkitd } from "../itg/helpers/own-buildkitd.js";
import { bootstrapRun, bootstrapSides } from "./bootstrap-bench.js";
import type { KilnBundles } from "./bundles.js";
import { touchOneFile, writeContextFixture } from "./context-fixture.js";
import { platformDigests } from "./registry-index.js";
import {
  contextJob,
  createBuildxBuilders,
  runSide,
  warmJob,
  type Sample,
  type Side,
  type SideSetup,
} from "./standalone-bench.js";
import type { StackConfig } from "./stack-config.js";
import { seconds } from "./stats.js";
import { expectSuccess, timedRun } from "./timed-run.js";

export type Scenario = "warm" | "cold" | "incremental" | "bootstrap";

/** Every side, in the order the report shows them: the warm scenario runs them all. */
export const warmSides: readonly Side[] = [
  "kiln-cli",
  "kiln-cli-machine-node",
  "kiln-action",
  "buildx-remote",
  "buildx-container",
  "buildctl",
];
/** The context scenarios prune the daemon under test, so the docker-container builder (another daemon) is left out. */
export const contextSides: readonly Side[] = warmSides.filter((s) => s !== "buildx-container");

export interface StandaloneResults {
  readonly samples: ReadonlyMap<Scenario, ReadonlyMap<Side, readonly Sample[]>>;
  /** Whether each side pushed the same per-platform manifests as buildctl (same daemon, same epoch). */
  readonly sameImages: ReadonlyMap<Side, boolean>;
  readonly contextFiles: number;
  readonly contextBytes: number;
  /** `buildctl --version`, `buildkitd --version`. */
  readonly versions: readonly string[];
  /** Why a scenario or side has no numbers. */
  readonly notes: readonly string[];
}

export interface StandaloneOptions {
  readonly repoRoot: string;
  readonly bundles: KilnBundles;
  readonly stack: StackConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly runs: number;
  readonly only: readonly Scenario[] | undefined;
  readonly log: (line: string) => void;
  /** Runs a step again on failure (the registry and machine are shared); every failure is recorded. */
  readonly retry: <T>(what: string, step: () => Promise<T>) => Promise<T>;
}

/** `items` rotated left by `n`: run n starts with a different side, so no side always goes first. */
function rotate<T>(items: readonly T[], n: number): T[] {
  const k = n % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

const versionOf = async (file: string): Promise<string> => (await timedRun(file, ["--version"])).stdout.trim();

/** Writes back what the page cache holds, untimed, so a run does not pay for the one before it. */
async function flushDisk(): Promise<void> {
  expectSuccess("sync", await timedRun("sync", []));
}

/** Removes every build cache record of the bench's daemon and flushes what the deletions left to write back. */
async function pruneOwn(daemon: OwnBuildkitd): Promise<void> {
  await daemon.prune();
  await flushDisk();
}

const BOOTSTRAP_NOTE =
  "Bootstrap: Kiln's CLI (`--driver docker-container --driver-opt image=<the stack's BuildKit image>,network=host`) " +
  "against `docker buildx create --driver docker-container` with the same driver options `--bootstrap` plus " +
  "`docker buildx build`, both with the same buildkitd.toml, on the stack's second dockerd; no container or state " +
  "volume before each run (both removed after it), the image already present; the first build is the warm " +
  "fixture, linux/amd64, cache only.";

export async function benchStandalone(o: StandaloneOptions): Promise<StandaloneResults> {
  const { stack, log } = o;
  const wanted = (s: Scenario) => o.only === undefined || o.only.includes(s);
  // A buildkitd of the bench's own: the cold scenarios prune everything before each run; on the shared daemon that
  // would wipe other developers' caches mid-test, and their builds would skew these timings.
  const daemon = await startOwnBuildkitd({
    buildkitd: stack.buildkitd,
    buildctl: stack.buildctl,
    plainHttpRegistries: [stack.registry],
  });
  const work = await mkdtemp(join(tmpdir(), "kiln-bench-standalone-"));
  const samples = new Map<Scenario, Map<Side, Sample[]>>();
  const add = (scenario: Scenario, side: Side, sample: Sample) => {
    const bySide = samples.get(scenario) ?? new Map<Side, Sample[]>();
    samples.set(scenario, bySide);
    bySide.set(side, [...(bySide.get(side) ?? []), sample]);
  };
  const notes: string[] = [];
  const sameImages = new Map<Side, boolean>();
  let contextFiles = 0;
  let contextBytes = 0;
  // buildkitd.toml for the docker-container builder: only what the daemon inside needs (the plain registry).
  const containerConfig = join(work, "container-buildkitd.toml");
  await writeFile(containerConfig, `[registry."${stack.registry}"]\n  http = true\n`);
  const setup: SideSetup = {
    repoRoot: o.repoRoot,
    bundles: o.bundles,
    stack,
    env: o.env,
    buildctl: stack.buildctl,
    address: daemon.address,
    socket: daemon.socket,
    buildxRemote: `kiln-bench-remote-${process.pid}`,
    buildxContainer: `kiln-bench-container-${process.pid}`,
    probe: join(o.repoRoot, "bench", "first-connect.mjs"),
  };
  log(`own buildkitd on ${daemon.address}; creating buildx builders`);
  const removeBuilders = await createBuildxBuilders(setup, stack.buildkitImage, containerConfig);
  try {
    if (wanted("cold") || wanted("incremental")) {
      const root = join(work, "context");
      log(`writing the 10,000-file context under ${root}`);
      const fixture = await writeContextFixture(root);
      contextFiles = fixture.files;
      contextBytes = fixture.bytes;
      const job = contextJob(stack, fixture);
      for (let run = 0; run < o.runs; run++) {
        for (const side of rotate(contextSides, run)) {
          const what = `context run ${run + 1}/${o.runs} ${side}`;
          const [cold, incremental] = await o.retry(what, async () => {
            await pruneOwn(daemon);
            const c = await runSide(setup, side, job);
            await touchOneFile(fixture, `${side}-${run}-${Date.now()}`);
            // The cold run's 370 MB of snapshots otherwise go to disk during the incremental run: in runs without this
            // the incremental times of every side split into a fast and a slow group (1.3 against 3.0 s).
            await flushDisk();
            return [c, await runSide(setup, side, job)] as const;
          });
          add("cold", side, cold);
          add("incremental", side, incremental);
          log(`${what}: cold ${seconds(cold.ms)}, incremental ${seconds(incremental.ms)} (load ${cold.load.load1})`);
        }
      }
    }
    if (wanted("warm")) {
      for (const side of warmSides) {
        log(`warm-up (untimed) ${side}`);
        await o.retry(`warm-up ${side}`, () => runSide(setup, side, warmJob(o.repoRoot, stack, side)));
      }
      for (let run = 0; run < o.runs; run++) {
        for (const side of rotate(warmSides, run)) {
          const what = `warm run ${run + 1}/${o.runs} ${side}`;
          const sample = await o.retry(what, () => runSide(setup, side, warmJob(o.repoRoot, stack, side)));
          add("warm", side, sample);
          log(`${what}: ${seconds(sample.ms)} (load ${sample.load.load1})`);
        }
      }
      const reference = await platformDigests(stack.registry, warmJob(o.repoRoot, stack, "buildctl").push ?? "");
      for (const side of warmSides) {
        const digests = await platformDigests(stack.registry, warmJob(o.repoRoot, stack, side).push ?? "");
        sameImages.set(
          side,
          reference.size === 2 && digests.size === 2 && [...reference].every(([p, d]) => digests.get(p) === d),
        );
      }
    }
    if (wanted("bootstrap")) {
      const boot = { side: setup, stack, dockerHost: stack.secondDockerHost, config: containerConfig };
      for (const side of bootstrapSides) {
        log(`bootstrap warm-up (untimed; the image pulled into ${boot.dockerHost}) ${side}`);
        await o.retry(`bootstrap warm-up ${side}`, () => bootstrapRun(boot, side, -1));
      }
      for (let run = 0; run < o.runs; run++) {
        for (const side of rotate(bootstrapSides, run)) {
          const what = `bootstrap run ${run + 1}/${o.runs} ${side}`;
          const sample = await o.retry(what, () => bootstrapRun(boot, side, run));
          add("bootstrap", side, sample);
          log(`${what}: ${seconds(sample.ms)} (load ${sample.load.load1})`);
        }
      }
      notes.push(BOOTSTRAP_NOTE);
    }
  } finally {
    await removeBuilders();
    await daemon.stop();
    await rm(work, { recursive: true, force: true });
  }
  return {
    samples,
    sameImages,
    contextFiles,
    contextBytes,
    versions: [
      `runner's Node ${await versionOf(stack.runnerNode)}`,
      await versionOf(stack.buildkitd),
      await versionOf(stack.buildctl),
    ],
    notes,
  };
}
