import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeContextFixture } from "./context-fixture.js";
import { summarizeProfile, type ProfileSummary } from "./cpu-profile.js";
import { snapshotBundles, type KilnBundles } from "./bundles.js";
import { describeMachine, type Machine } from "./machine.js";
import { platformDigests } from "./registry-index.js";
import {
  benchmarksMarkdown,
  keptFindings,
  resultsTable,
  type BenchResults,
  type RetriedFailure,
  type TransferResults,
  type WarmResults,
} from "./report.js";
import { loadStackConfig, type StackConfig } from "./stack-config.js";
import { measureClientFloor } from "./client-floor.js";
import { median, seconds } from "./stats.js";
import { standaloneMarkdown } from "./standalone-report.js";
import { benchStandalone, type Scenario } from "./standalone-suite.js";
import { timedRun } from "./timed-run.js";
import { coldCliBuild, transferRun, transferSides, type TransferRun } from "./transfer-bench.js";
import { warmBench, warmRef, warmSides, type WarmSample, type WarmSide } from "./warm-bench.js";

const usage = `Usage: node bench/run.mjs [--suite standalone|embedded|all] [--runs N] [--warm-runs N] [--only LIST]
       [--no-write]

--suite standalone (the default): Kiln (CLI and the action's main bundle) against docker buildx build (remote
builder on the same buildkitd, docker-container builder on the same release's image) and buildctl build, on a
buildkitd of the bench's own (the stack's standalone release); --only warm,cold,incremental,bootstrap picks
scenarios. --suite embedded: Kiln against buildx on Docker's embedded BuildKit (the older comparison); --only
transfer|warm. --runs (default 5) is the number of timed runs per side; --warm-runs overrides it for the warm
scenarios of the embedded suite. Prints Markdown tables; writes docs/BENCHMARKS.md unless --no-write.`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** `items` rotated left by `n`: run n starts with a different side, so no side always goes first. */
function rotate<T>(items: readonly T[], n: number): T[] {
  const k = n % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Attempts per timed step: the daemon and registry are shared, so a failure is recorded and the step run again. */
const attempts = 3;

/** Runs `step` up to `attempts` times; every failure is recorded for the report, the last one is thrown. */
async function withRetries<T>(what: string, failures: RetriedFailure[], step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push({ what, message });
      log(`${what} failed (attempt ${attempt} of ${attempts}): ${message.split("\n").slice(-3).join(" | ")}`);
      if (attempt >= attempts) throw err;
    }
  }
}

/** Runs one scenario; if it cannot finish, the report says so and keeps the other scenario's results. */
async function scenario<T>(name: string, errors: string[], run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    errors.push(`${name} did not finish: ${message.split("\n")[0] ?? message}`);
    log(`${name} did not finish: ${message}`);
    return undefined;
  }
}

/** What every scenario uses, and where it records profiles and failed attempts. */
interface BenchContext {
  readonly stack: StackConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly bundles: KilnBundles;
  readonly profiles: Map<string, ProfileSummary>;
  readonly failures: RetriedFailure[];
}

async function benchTransfer(runs: number, ctx: BenchContext): Promise<TransferResults> {
  const { stack, env, bundles, profiles, failures } = ctx;
  const root = await mkdtemp(join(tmpdir(), "kiln-bench-context-"));
  try {
    log(`writing the 10,000-file context under ${root}`);
    const fixture = await writeContextFixture(root);
    const results: TransferRun[] = [];
    for (let run = 0; run < runs; run++) {
      for (const side of rotate(transferSides, run)) {
        const what = `context run ${run + 1}/${runs} ${side}`;
        const r = await withRetries(what, failures, () =>
          transferRun(side, run, repoRoot, bundles, stack, fixture, env),
        );
        results.push(r);
        const sent = r.incremental.sent ? `, incremental sent ${r.incremental.sent.filesSent} file(s)` : "";
        log(`${what}: cold ${seconds(r.cold.ms)}, incremental ${seconds(r.incremental.ms)}${sent}`);
      }
    }
    const dir = await mkdtemp(join(tmpdir(), "kiln-bench-prof-"));
    try {
      log("profiling one more cold context build of kiln-cli");
      await coldCliBuild(repoRoot, bundles, stack, fixture, env, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
      profiles.set("kiln-cli, cold context", await summarizeProfile(dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return { files: fixture.files, bytes: fixture.bytes, runs: results };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function benchWarm(runs: number, ctx: BenchContext): Promise<WarmResults> {
  const { stack, env, bundles, profiles, failures } = ctx;
  const bench = await warmBench(repoRoot, bundles, stack, env);
  try {
    for (const side of warmSides) {
      log(`warm-up (untimed) ${side}`);
      await withRetries(`warm-up ${side}`, failures, () => bench.run(side));
    }
    const samples = new Map<WarmSide, WarmSample[]>(warmSides.map((s) => [s, []]));
    for (let run = 0; run < runs; run++) {
      for (const side of rotate(warmSides, run)) {
        const what = `warm run ${run + 1}/${runs} ${side}`;
        const r = await withRetries(what, failures, () => bench.run(side));
        samples.get(side)?.push({
          ms: r.ms,
          cpuMs: r.cpuMs,
          firstOutputMs: r.firstOutputMs,
          exitLagMs: r.exitLagMs,
          reportedMs: r.reportedMs,
        });
        log(`${what}: ${seconds(r.ms)}`);
      }
    }
    const reference = await platformDigests(stack.registry, warmRef(stack, "buildx"));
    const sameImages = new Map<WarmSide, boolean>();
    for (const side of ["kiln-cli", "kiln-action"] as const) {
      const digests = await platformDigests(stack.registry, warmRef(stack, side));
      sameImages.set(
        side,
        digests.size === reference.size &&
          reference.size === 2 &&
          [...reference].every(([platform, digest]) => digests.get(platform) === digest),
      );
    }
    for (const side of ["kiln-cli", "kiln-action"] as const) {
      const dir = await mkdtemp(join(tmpdir(), `kiln-bench-prof-${side}-`));
      try {
        log(`profiling one more warm run of ${side}`);
        await withRetries(`profiled warm run ${side}`, failures, () =>
          bench.run(side, ["--cpu-prof", `--cpu-prof-dir=${dir}`]),
        );
        profiles.set(`${side}, warm`, await summarizeProfile(dir));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    return { samples, sameImages };
  } finally {
    await bench.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: "string", default: "5" },
      "warm-runs": { type: "string" },
      only: { type: "string" },
      suite: { type: "string", default: "standalone" },
      "no-write": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const count = (flag: string, value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag}: expected a positive integer, got "${value}"`);
    return n;
  };
  const runs = count("runs", values.runs);
  const warmRuns = values["warm-runs"] === undefined ? runs : count("warm-runs", values["warm-runs"]);
  const suite = values.suite;
  if (suite !== "standalone" && suite !== "embedded" && suite !== "all") {
    throw new Error(`--suite: expected "standalone", "embedded" or "all", got "${suite}"`);
  }
  if (suite === "embedded" && values.only !== undefined && values.only !== "transfer" && values.only !== "warm") {
    throw new Error(`--only: expected "transfer" or "warm", got "${values.only}"`);
  }
  const started = performance.now();
  const stack = await loadStackConfig(repoRoot);
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: stack.dockerHost };
  const machine = await describeMachine(env);
  const bundles = await snapshotBundles(repoRoot);
  try {
    let code = 0;
    if (suite !== "embedded") {
      code = await measureStandalone(runs, standaloneScenarios(values.only), !values["no-write"], {
        stack,
        env,
        machine,
        bundles,
      });
    }
    if (suite !== "standalone") {
      const only = suite === "embedded" ? values.only : undefined;
      code ||= await measure(runs, warmRuns, only, !values["no-write"], { started, stack, env, machine, bundles });
    }
    return code;
  } finally {
    await bundles.dispose();
  }
}

const scenarios: readonly Scenario[] = ["warm", "cold", "incremental", "bootstrap"];

/** `--only` for the standalone suite: a comma-separated subset of its scenarios. */
function standaloneScenarios(only: string | undefined): Scenario[] | undefined {
  if (only === undefined) return undefined;
  const picked = only.split(",").map((s) => s.trim());
  for (const p of picked) {
    if (!(scenarios as readonly string[]).includes(p)) {
      throw new Error(`--only: expected a comma-separated list of ${scenarios.join(", ")}, got "${only}"`);
    }
  }
  return picked as Scenario[];
}

const standaloneStart = "<!-- standalone: rewritten by `npm run bench` -->";
const standaloneEnd = "<!-- /standalone -->";

/** Puts the standalone section into docs/BENCHMARKS.md (after its title), leaving the rest of the file as it is. */
function withStandalone(previous: string, section: string): string {
  const block = `${standaloneStart}\n\n${section}\n${standaloneEnd}`;
  const start = previous.indexOf(standaloneStart);
  const end = previous.indexOf(standaloneEnd);
  if (start >= 0 && end > start) return previous.slice(0, start) + block + previous.slice(end + standaloneEnd.length);
  const afterTitle = previous.indexOf("\n") + 1;
  return `${previous.slice(0, afterTitle)}\n${block}\n${previous.slice(afterTitle)}`;
}

async function measureStandalone(
  runs: number,
  only: readonly Scenario[] | undefined,
  write: boolean,
  setup: { stack: StackConfig; env: NodeJS.ProcessEnv; machine: Machine; bundles: KilnBundles },
): Promise<number> {
  const failures: RetriedFailure[] = [];
  const results = await benchStandalone({
    repoRoot,
    bundles: setup.bundles,
    stack: setup.stack,
    env: setup.env,
    runs,
    only,
    log,
    retry: (what, step) => withRetries(what, failures, step),
  });
  const startup = async (node: string): Promise<string> => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) ms.push((await timedRun(node, ["-e", "0"])).ms);
    return `${median(ms).toFixed(0)} ms`;
  };
  const floor = await measureClientFloor(
    repoRoot,
    setup.stack.runnerNode,
    setup.stack.buildctl,
    setup.stack.buildkitHost,
    runs,
  );
  const failed =
    failures.length === 0
      ? []
      : ["", `Failed attempts (retried, never timed): ${failures.length}`, ...failures.map((f) => `- ${f.what}`)];
  const section = [
    standaloneMarkdown(results, setup.machine, runs, setup.bundles.revision),
    `\`node -e 0\` on this machine (median of 5): the runner's Node 24 ${await startup(setup.stack.runnerNode)}, ` +
      `the machine's Node ${process.version} ${await startup(process.execPath)}. The action runs with a fresh (empty) ` +
      "compile cache each time, as on a hosted runner's new machine; the CLI keeps Node's compile cache between runs.",
    "",
    `The floor under any Node client (medians of ${runs}, interleaved, whole process): one Control.Info call from a ` +
      `bundle that loads only @grpc/grpc-js (bench/floor/info-call.mjs), on the runner's Node 24 with its compile ` +
      `cache warm, ${floor.nodeGrpcMs.toFixed(0)} ms; \`buildctl debug info\` ${floor.buildctlMs.toFixed(0)} ms.`,
    ...failed,
    "",
  ].join("\n");
  process.stdout.write(`${section}\n`);
  if (write) {
    const path = join(repoRoot, "docs", "BENCHMARKS.md");
    await writeFile(path, withStandalone(await readFile(path, "utf8"), section));
    log(`wrote the standalone section of ${path}`);
  }
  return 0;
}

async function measure(
  runs: number,
  warmRuns: number,
  only: string | undefined,
  write: boolean,
  setup: {
    started: number;
    stack: StackConfig;
    env: NodeJS.ProcessEnv;
    machine: Machine;
    bundles: KilnBundles;
  },
): Promise<number> {
  const { started, stack, env, machine, bundles } = setup;
  const nodeStartup: number[] = [];
  for (let i = 0; i < 5; i++) nodeStartup.push((await timedRun(process.execPath, ["-e", "0"])).ms);

  const profiles = new Map<string, ProfileSummary>();
  const failures: RetriedFailure[] = [];
  const errors: string[] = [];
  const ctx: BenchContext = { stack, env, bundles, profiles, failures };
  const transfer = only === "warm" ? undefined : await scenario("scenario 1", errors, () => benchTransfer(runs, ctx));
  const warm =
    only === "transfer" ? undefined : await scenario("scenarios 2 and 3", errors, () => benchWarm(warmRuns, ctx));
  const results: BenchResults = {
    machine,
    runs,
    warmRuns,
    revision: bundles.revision,
    nodeStartupMs: median(nodeStartup),
    totalMs: performance.now() - started,
    loadAtEnd: loadavg()[0] ?? 0,
    transfer,
    warm,
    profiles,
    failures,
    errors,
  };
  process.stdout.write(`${resultsTable(results)}\n`);
  if (failures.length > 0) log(`${failures.length} failed attempt(s), listed in the report`);
  if (write) {
    const path = join(repoRoot, "docs", "BENCHMARKS.md");
    const previous = await readFile(path, "utf8").catch(() => undefined);
    const rewritten = benchmarksMarkdown(results, keptFindings(previous));
    const standalone = previous === undefined ? -1 : previous.indexOf(standaloneStart);
    const end = previous === undefined ? -1 : previous.indexOf(standaloneEnd);
    // The standalone suite's section stays as it was.
    await writeFile(
      path,
      previous !== undefined && standalone >= 0 && end > standalone
        ? withStandalone(rewritten, previous.slice(standalone + standaloneStart.length, end).trim() + "\n")
        : rewritten,
    );
    log(`wrote ${path}`);
  }
  return errors.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
