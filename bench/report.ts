import { formatBytes, median, ratio, seconds } from "./stats.js";
import type { Machine } from "./machine.js";
import type { ProfileSummary } from "./cpu-profile.js";
import type { TransferRun, TransferSample, TransferSide } from "./transfer-bench.js";
import type { WarmSample, WarmSide } from "./warm-bench.js";

export interface TransferResults {
  readonly files: number;
  readonly bytes: number;
  readonly runs: readonly TransferRun[];
}

export interface WarmResults {
  readonly samples: ReadonlyMap<WarmSide, readonly WarmSample[]>;
  /** Whether each Kiln side pushed the same per-platform image manifests as buildx. */
  readonly sameImages: ReadonlyMap<WarmSide, boolean>;
}

/** A failed attempt at a timed run (the machine and daemon are shared; failures are reported, not hidden). */
export interface RetriedFailure {
  readonly what: string;
  readonly message: string;
}

export interface BenchResults {
  readonly machine: Machine;
  readonly runs: number;
  readonly warmRuns: number;
  /** `git rev-parse --short HEAD`, noting uncommitted changes in dist/. */
  readonly revision: string;
  readonly nodeStartupMs: number;
  readonly totalMs: number;
  readonly loadAtEnd: number;
  readonly transfer: TransferResults | undefined;
  readonly warm: WarmResults | undefined;
  /** CPU profiles of one extra run each: "kiln-cli, cold context", "kiln-cli, warm", "kiln-action, warm". */
  readonly profiles: ReadonlyMap<string, ProfileSummary>;
  readonly failures: readonly RetriedFailure[];
  /** Scenarios that could not finish (their rows are missing). */
  readonly errors: readonly string[];
}

/** Targets from issues 3 and 4. */
export const targets = Object.freeze({ transfer: 1.0, warm: 0.8 });

interface Row {
  readonly scenario: string;
  readonly kiln: string;
  readonly buildx: string;
  readonly kilnMs: number | undefined;
  readonly buildxMs: number | undefined;
  readonly target?: number;
}

const med = (xs: readonly (number | undefined)[]): number | undefined => {
  const defined = xs.filter((x): x is number => x !== undefined);
  return defined.length === 0 ? undefined : median(defined);
};

type Phase = "cold" | "incremental";
const phaseLabel = (phase: Phase): string =>
  phase === "cold" ? "cold (after `buildx prune -af`)" : "incremental (one file changed)";

function pick(
  t: TransferResults,
  side: TransferSide,
  phase: Phase,
  f: (s: TransferSample) => number | undefined,
): number | undefined {
  return med(t.runs.filter((r) => r.side === side).map((r) => f(r[phase])));
}

const cli = "`kiln build`";
const bx = "`docker buildx build`";

function headlineRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const t = results.transfer;
  if (t) {
    for (const phase of ["cold", "incremental"] as const) {
      rows.push({
        scenario: `1. Context transfer, ${phaseLabel(phase)}, whole process`,
        kiln: cli,
        buildx: bx,
        kilnMs: pick(t, "kiln-cli", phase, (s) => s.ms),
        buildxMs: pick(t, "buildx", phase, (s) => s.ms),
        ...(phase === "cold" ? { target: targets.transfer } : {}),
      });
    }
  }
  const w = results.warm;
  if (w) {
    const m = (side: WarmSide) => med((w.samples.get(side) ?? []).map((s) => s.ms));
    rows.push(
      {
        scenario: "2. Warm two-platform rebuild + push, whole process",
        kiln: cli,
        buildx: bx,
        kilnMs: m("kiln-cli"),
        buildxMs: m("buildx"),
        target: targets.warm,
      },
      {
        scenario: "3. Warm two-platform rebuild + push through the action, whole process",
        kiln: "`node dist/main/index.js`",
        buildx: bx,
        kilnMs: m("kiln-action"),
        buildxMs: m("buildx"),
        target: targets.warm,
      },
    );
  }
  return rows;
}

function diagnosticRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const t = results.transfer;
  if (t) {
    for (const phase of ["cold", "incremental"] as const) {
      const label = `1. ${phase === "cold" ? "Cold" : "Incremental"}`;
      rows.push(
        {
          scenario: `${label}: client CPU time (user + system, children included)`,
          kiln: cli,
          buildx: bx,
          kilnMs: pick(t, "kiln-cli", phase, (s) => s.cpuMs),
          buildxMs: pick(t, "buildx", phase, (s) => s.cpuMs),
        },
        {
          scenario: `${label}: "[internal] load build context" step, daemon clock`,
          kiln: "library",
          buildx: bx,
          kilnMs: pick(t, "kiln-library", phase, (s) => s.contextStep?.ms),
          buildxMs: pick(t, "buildx", phase, (s) => s.contextStep?.ms),
        },
        {
          scenario: `${label}: "COPY . /ctx" step, daemon clock`,
          kiln: "library",
          buildx: bx,
          kilnMs: pick(t, "kiln-library", phase, (s) => s.copyStep?.ms),
          buildxMs: pick(t, "buildx", phase, (s) => s.copyStep?.ms),
        },
        {
          scenario: `${label}: library in the bench process (connect + solve + close)`,
          kiln: "library",
          buildx: `${bx} (whole)`,
          kilnMs: pick(t, "kiln-library", phase, (s) => s.ms),
          buildxMs: pick(t, "buildx", phase, (s) => s.ms),
        },
      );
    }
  }
  const w = results.warm;
  if (w) {
    const m = (side: WarmSide) => med((w.samples.get(side) ?? []).map((s) => s.cpuMs));
    rows.push(
      {
        scenario: "2. Warm rebuild: client CPU time",
        kiln: cli,
        buildx: bx,
        kilnMs: m("kiln-cli"),
        buildxMs: m("buildx"),
      },
      {
        scenario: "3. Warm rebuild through the action: client CPU time",
        kiln: "`node dist/main/index.js`",
        buildx: bx,
        kilnMs: m("kiln-action"),
        buildxMs: m("buildx"),
      },
    );
  }
  return rows;
}

function cell(ms: number | undefined): string {
  return ms === undefined ? "n/a" : seconds(ms);
}

function verdict(row: Row): string {
  if (row.target === undefined) return "";
  if (row.kilnMs === undefined || row.buildxMs === undefined) return `<= ${row.target.toFixed(1)}x: not measured`;
  return `<= ${row.target.toFixed(1)}x: ${row.kilnMs / row.buildxMs <= row.target ? "met" : "**missed**"}`;
}

function table(rows: readonly Row[], withTarget: boolean): string[] {
  return [
    `| Scenario | Kiln | Reference | Kiln (median) | Reference (median) | Kiln/ref |${withTarget ? " Target |" : ""}`,
    `|---|---|---|---:|---:|---:|${withTarget ? "---|" : ""}`,
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.kiln} | ${r.buildx} | ${cell(r.kilnMs)} | ${cell(r.buildxMs)} | ${
          r.kilnMs === undefined || r.buildxMs === undefined ? "n/a" : ratio(r.kilnMs, r.buildxMs)
        } |${withTarget ? ` ${verdict(r)} |` : ""}`,
    ),
  ];
}

/** The results tables: medians and Kiln/buildx ratios, the targets first. */
export function resultsTable(results: BenchResults): string {
  return [
    ...table(headlineRows(results), true),
    "",
    "Diagnostics (same runs):",
    "",
    ...table(diagnosticRows(results), false),
  ].join("\n");
}

function machineLines(r: BenchResults): string[] {
  const m = r.machine;
  return [
    `- Date: ${m.date}; timed runs per side: ${r.runs} (scenario 1), ${r.warmRuns} (scenarios 2 and 3), sides ` +
      `interleaved; whole bench ${seconds(r.totalMs)}`,
    `- Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGiB} GiB memory, kernel ${m.kernel}`,
    `- Kiln bundles from ${r.revision}; Docker ${m.docker} (embedded BuildKit), buildx ${m.buildx}, Node ${m.node}`,
    `- Load average (1 min) at start ${m.loadAtStart.toFixed(2)}, at end ${r.loadAtEnd.toFixed(2)}`,
  ];
}

function transferDetails(t: TransferResults): string[] {
  const lines = [
    "",
    `### Scenario 1 per run (context: ${t.files} files, ${formatBytes(t.bytes)})`,
    "",
    "| Run | Side | Cold | Cold CPU | Cold context step | Cold COPY | Incr. | Incr. CPU | Incr. context step | Incr. sent |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const counts = new Map<TransferSide, number>();
  for (const r of t.runs) {
    const n = (counts.get(r.side) ?? 0) + 1;
    counts.set(r.side, n);
    const sent = r.incremental.sent
      ? `${r.incremental.sent.filesSent} file(s), ${formatBytes(r.incremental.sent.bytesSent)} (Kiln's count)`
      : r.incremental.contextStep
        ? `${formatBytes(r.incremental.contextStep.transferredBytes)} (daemon's progress)`
        : "";
    const c = r.cold;
    const i = r.incremental;
    lines.push(
      `| ${n} | ${r.side} | ${seconds(c.ms)} | ${cell(c.cpuMs)} | ${cell(c.contextStep?.ms)} | ${cell(c.copyStep?.ms)} | ` +
        `${seconds(i.ms)} | ${cell(i.cpuMs)} | ${cell(i.contextStep?.ms)} | ${sent} |`,
    );
  }
  lines.push(
    "",
    "\"Incr. sent\": Kiln's count is file data only; the daemon's progress for buildx counts every byte it received, " +
      "the listing of all 10,000 stats included.",
  );
  return lines;
}

function warmDetails(w: WarmResults, nodeStartupMs: number): string[] {
  const lines = [
    "",
    "### Scenarios 2 and 3: where the time goes (medians)",
    "",
    "| Side | Whole process | CPU | First output | Kiln's own build time | After last output | Same image manifests as buildx |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const [side, samples] of w.samples) {
    const same = w.sameImages.get(side);
    const m = (f: (s: WarmSample) => number | undefined): string => cell(med(samples.map(f)));
    lines.push(
      `| ${side} | ${m((s) => s.ms)} | ${m((s) => s.cpuMs)} | ${m((s) => s.firstOutputMs)} | ${m((s) => s.reportedMs)} | ` +
        `${m((s) => s.exitLagMs)} | ${same === undefined ? "" : same ? "yes" : "**no**"} |`,
    );
  }
  lines.push(
    "",
    `Node's own start-up (\`node -e 0\`, median): ${seconds(nodeStartupMs)}. "Kiln's own build time" is what Kiln ` +
      "prints (`built in`, or the summary's total; 0.1 s resolution): connecting to the builder, the solve, and the " +
      "registry read-back that verifies the push. The action logs nothing during that read-back, so its " +
      '"after last output" includes it; the CLI prints `built in` after it.',
    "",
    "Per-run whole-process times:",
    "",
  );
  for (const [side, samples] of w.samples) lines.push(`- ${side}: ${samples.map((s) => seconds(s.ms)).join(", ")}`);
  return lines;
}

function profileDetails(profiles: ReadonlyMap<string, ProfileSummary>): string[] {
  if (profiles.size === 0) return [];
  const lines = [
    "",
    "### CPU profiles of one more run of each Kiln entry",
    "",
    '`node --cpu-prof`; self time by where it was spent; "load" is compiling and evaluating the bundle up to the ' +
      "entry point's first await. Profiling slows a run down somewhat.",
    "",
    "| Run | Profiled | Load | Idle (waiting) | Bundle JS | Node internals | V8 (compile, native) | GC |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const ms = (n: number): string => `${Math.round(n)} ms`;
  for (const [name, p] of profiles) {
    lines.push(
      `| ${name} | ${ms(p.totalMs)} | ${ms(p.loadMs)} | ${ms(p.idleMs)} | ${ms(p.bundleMs)} | ${ms(
        p.nodeInternalsMs,
      )} | ${ms(p.programMs)} | ${ms(p.gcMs)} |`,
    );
  }
  for (const [name, p] of profiles) {
    lines.push(
      "",
      `${name}: most time including callees: ${p.topInclusive.join("; ")}. Most self time: ${p.topSelf.join("; ")}.`,
    );
  }
  return lines;
}

/** The last non-empty line of a failure: the client's own error line. */
function lastLine(message: string): string {
  return (
    message
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? message
  );
}

function failureDetails(failures: readonly RetriedFailure[], errors: readonly string[]): string[] {
  if (failures.length === 0 && errors.length === 0) return [];
  return [
    "",
    "### Failed attempts",
    "",
    ...errors.map((e) => `- **${e}**`),
    ...failures.map((f) => `- ${f.what}: \`${lastLine(f.message)}\``),
  ];
}

const method = `## Method

\`npm run bench\` (\`node bench/run.mjs [--runs N] [--warm-runs N] [--only transfer|warm] [--no-write]\`) runs every side in the
same invocation on the same daemon, rotating which side goes first in each run, and reports medians. Kiln runs from
copies of \`dist/cli\` and \`dist/main\` taken when the bench starts (a rebuild of dist/ mid-run changes nothing; the
header names their digests); "whole process" is wall time from spawn to exit.

1. **Context transfer**: a generated context of 10,000 files (9,990 files of 0-1 kB in 90 directories and 10
   pseudo-random 36.5 MB files), Dockerfile \`FROM $BASE\` + \`COPY . /ctx\` outside the context, \`linux/amd64\`,
   no export (\`--output type=cacheonly\` on both sides; the library solves with \`exporters: []\`), attestations
   off on both sides. **Cold** means \`docker buildx prune -af\` and \`sync\` right before the build: both clients
   start from the same empty build cache, so the daemon has no copy of the context and COPY runs, and with no
   write-back of the previous build's ~370 MB still in progress. That is fairer than a fresh
   context directory per run, which would leave COPY cached (content-addressed) for whichever side ran second.
   The context files are in the page cache for every side (they were just written). **Incremental**: one small
   file is rewritten and the same client builds again; only that file should travel, then COPY runs again (its
   input changed). The library rows run Kiln's BuildKit client in the bench process, to time the daemon's steps
   with the daemon's own timestamps (\`buildx --progress=rawjson\` gives buildx's).
2. **Warm two-platform rebuild with push**: \`bench/fixtures/warm\` (two stages, RUN steps, \`linux/amd64\` +
   \`linux/arm64\` under QEMU), pushed to the stack's registry with SOURCE_DATE_EPOCH, \`rewrite-timestamp=true\`,
   provenance \`mode=max\` and an SBOM from the stack's scanner image on both sides. Each side builds once untimed
   first, so every step is cached. buildx: \`--output type=image,name=...,push=true,rewrite-timestamp=true,store=false\`;
   buildx 0.13.1's docker driver then fails on its trailing "pushing with docker" step with "tag does not exist"
   after BuildKit has pushed; that exact failure is accepted and timed as it is (it costs buildx a round trip,
   nothing more). Kiln also reads the pushed index back and verifies every platform's attestations, inside its time.
3. **The action**: the same build through \`node dist/main/index.js\` with \`INPUT_*\` variables, empty
   \`GITHUB_OUTPUT\`/\`GITHUB_STATE\`/\`GITHUB_STEP_SUMMARY\` files and runner variables, as a runner starts it.

Client CPU time is GNU time's user + system for the process and its children (the \`docker\` CLI runs the buildx
plugin as a child; GNU time's ~1 ms start-up is in every side's wall time). After the timed runs, one more run of
each Kiln entry is profiled with \`node --cpu-prof\`. A timed run that fails is listed and run again, up to three
attempts; a scenario that still fails is reported as not finished. The warm sides' per-platform image manifests are compared with buildx's in the registry.

The machine may be shared with other work (other test suites on the same daemon); sides are interleaved so that
drift hits all of them, the load average is recorded, and the per-run tables show the spread.
`;

const findingsStart = "<!-- findings: kept when the bench rewrites this file -->";
const findingsEnd = "<!-- /findings -->";

/** The hand-written findings block of an earlier BENCHMARKS.md, kept across re-runs. */
export function keptFindings(previous: string | undefined): string {
  if (previous === undefined) return "";
  const start = previous.indexOf(findingsStart);
  const end = previous.indexOf(findingsEnd);
  return start >= 0 && end > start ? previous.slice(start + findingsStart.length, end).trim() : "";
}

/** docs/BENCHMARKS.md: machine, table, method, details, findings. */
export function benchmarksMarkdown(results: BenchResults, findings: string): string {
  return [
    "# Benchmarks: Kiln vs `docker buildx build` and `buildctl`",
    "",
    "Written by `npm run bench` (bench/); the Findings section is written by hand and kept across runs.",
    "",
    "## Docker-embedded BuildKit (Docker 26, BuildKit v0.13): the older comparison (`--suite embedded`)",
    "",
    "Not the daemon Kiln's default drivers run; kept for reference. buildx's docker driver pushes through the " +
      'image store here, and a `store=false` push ends in a known "tag does not exist" failure that this ' +
      "suite accepts and times.",
    "",
    ...machineLines(results),
    "",
    resultsTable(results),
    ...(results.transfer ? transferDetails(results.transfer) : []),
    ...(results.warm ? warmDetails(results.warm, results.nodeStartupMs) : []),
    ...profileDetails(results.profiles),
    ...failureDetails(results.failures, results.errors),
    "",
    method,
    "## Findings",
    "",
    findingsStart,
    findings || "_None written yet._",
    findingsEnd,
    "",
  ].join("\n");
}
