import type { Machine } from "./machine.js";
import type { Sample, Side } from "./standalone-bench.js";
import { warmSides as sides, type Scenario, type StandaloneResults } from "./standalone-suite.js";
import { formatBytes, median } from "./stats.js";

const sideLabel: Record<Side, string> = {
  "kiln-cli": "Kiln CLI (Node 24)",
  "kiln-cli-machine-node": "Kiln CLI (machine's Node)",
  "kiln-action": "Kiln action (dist/main, node24)",
  "buildx-remote": "buildx, remote driver",
  "buildx-container": "buildx, docker-container",
  buildctl: "buildctl",
};

/** "1.23 s (1.10-1.40)": median and min-max of `f` over the samples; "-" when there are none. */
function spread(
  samples: readonly Sample[] | undefined,
  f: (s: Sample) => number | undefined,
  unit: "s" | "ms" | "MiB",
): string {
  const xs = (samples ?? []).map(f).filter((x): x is number => x !== undefined);
  if (xs.length === 0) return "-";
  const fmt = (v: number) =>
    unit === "s" ? (v / 1000).toFixed(2) : unit === "MiB" ? (v / 1024).toFixed(0) : v.toFixed(0);
  return `${fmt(median(xs))} ${unit} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
}

function med(samples: readonly Sample[] | undefined, f: (s: Sample) => number | undefined): number | undefined {
  const xs = (samples ?? []).map(f).filter((x): x is number => x !== undefined);
  return xs.length === 0 ? undefined : median(xs);
}

const scenarioLabel: Record<Scenario, string> = {
  warm: "Warm two-platform rebuild + push (provenance max, SBOM), whole process",
  cold: "Cold context transfer (after `buildctl prune --all`), whole process",
  incremental: "Incremental (one file changed), whole process",
  bootstrap: "docker-container bootstrap from nothing to the first build",
};

interface Target {
  readonly what: string;
  readonly value: number | undefined;
  readonly limit: number;
  readonly unit: "x" | "ms" | "MiB";
}

function targets(r: StandaloneResults): Target[] {
  const m = (sc: Scenario, side: Side, f: (s: Sample) => number | undefined = (s) => s.ms) =>
    med(r.samples.get(sc)?.get(side), f);
  const over = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : a / b;
  return [
    {
      what: "warm, action / buildx remote",
      value: over(m("warm", "kiln-action"), m("warm", "buildx-remote")),
      limit: 1.2,
      unit: "x",
    },
    {
      what: "warm, CLI / buildx remote",
      value: over(m("warm", "kiln-cli"), m("warm", "buildx-remote")),
      limit: 1.0,
      unit: "x",
    },
    {
      what: "cold transfer, CLI / buildctl",
      value: over(m("cold", "kiln-cli"), m("cold", "buildctl")),
      limit: 1.0,
      unit: "x",
    },
    {
      what: "incremental, CLI / buildctl",
      value: over(m("incremental", "kiln-cli"), m("incremental", "buildctl")),
      limit: 1.0,
      unit: "x",
    },
    {
      what: "docker-container bootstrap, Kiln CLI / buildx",
      value: over(m("bootstrap", "kiln-cli"), m("bootstrap", "buildx-container")),
      limit: 1.0,
      unit: "x",
    },
    {
      what: "action start to first gRPC call (warm runs)",
      value: m("warm", "kiln-action", (s) => s.firstConnectMs),
      limit: 100,
      unit: "ms",
    },
    {
      what: "peak RSS, CLI, cold 370 MiB context",
      value: ((v) => (v === undefined ? undefined : v / 1024))(m("cold", "kiln-cli", (s) => s.maxRssKiB)),
      limit: 150,
      unit: "MiB",
    },
  ];
}

function targetLines(r: StandaloneResults): string[] {
  const lines = ["| target | measured | limit | met |", "|---|---:|---:|:---:|"];
  for (const t of targets(r)) {
    const v =
      t.value === undefined
        ? "not measured"
        : t.unit === "x"
          ? `${t.value.toFixed(2)}x`
          : `${t.value.toFixed(0)} ${t.unit}`;
    const limit = t.unit === "x" ? `<= ${t.limit.toFixed(1)}x` : `<= ${t.limit} ${t.unit}`;
    const met = t.value === undefined ? "-" : t.value <= t.limit ? "yes" : "no";
    lines.push(`| ${t.what} | ${v} | ${limit} | ${met} |`);
  }
  return lines;
}

function timeTable(r: StandaloneResults): string[] {
  const lines = [
    `| scenario | ${sides.map((s) => sideLabel[s]).join(" | ")} |`,
    `|---|${sides.map(() => "---:").join("|")}|`,
  ];
  for (const [scenario, bySide] of r.samples) {
    lines.push(
      `| ${scenarioLabel[scenario]} | ${sides.map((s) => spread(bySide.get(s), (x) => x.ms, "s")).join(" | ")} |`,
    );
  }
  return lines;
}

function clientTable(r: StandaloneResults): string[] {
  const lines = [
    `| scenario, measure | ${sides.map((s) => sideLabel[s]).join(" | ")} |`,
    `|---|${sides.map(() => "---:").join("|")}|`,
  ];
  for (const [scenario, bySide] of r.samples) {
    const row = (what: string, f: (s: Sample) => number | undefined, unit: "ms" | "MiB") =>
      lines.push(`| ${scenario}, ${what} | ${sides.map((s) => spread(bySide.get(s), f, unit)).join(" | ")} |`);
    row("client CPU (user+sys, children included)", (s) => s.cpuMs, "ms");
    row("client peak RSS", (s) => s.maxRssKiB, "MiB");
    if (scenario !== "bootstrap") row("spawn to first dial of BuildKit's socket", (s) => s.firstConnectMs, "ms");
  }
  return lines;
}

function loadLine(r: StandaloneResults): string {
  const all = [...r.samples.values()].flatMap((m) => [...m.values()].flat());
  const load = all.map((s) => s.load.load1);
  const psi = all.map((s) => s.load.cpuSome10).filter((x): x is number => x !== undefined);
  if (load.length === 0) return "";
  const range = (xs: number[]) =>
    `median ${median(xs).toFixed(2)}, ${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
  return (
    `Load when each run started: 1-min load average ${range(load)}` +
    (psi.length > 0 ? `; CPU pressure (some avg10) ${range(psi)} %` : "") +
    "."
  );
}

export function standaloneMarkdown(r: StandaloneResults, machine: Machine, runs: number, revision: string): string {
  const same = [...r.sameImages].map(([side, ok]) => `${sideLabel[side]} ${ok ? "same" : "DIFFERENT"}`).join(", ");
  return [
    "## Latest results: standalone BuildKit (the daemon Kiln's remote and docker-container drivers run)",
    "",
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Linux ${machine.kernel}; ` +
      `machine's Node ${machine.node}; Docker ${machine.docker}; buildx ${machine.buildx}; ${r.versions.join("; ")}`,
    `- Date ${machine.date}; Kiln ${revision}`,
    `- Every side on one buildkitd the bench starts (the stack's release and configuration, own socket and state ` +
      `root), except buildx's docker-container builder (the same release's image). Medians of ${runs} interleaved ` +
      `runs per side, (min-max) in brackets; a run counts only when it exited 0 and its pushed digest is in the registry.`,
    `- ${loadLine(r)}`,
    r.contextFiles > 0 ? `- Context: ${r.contextFiles} files, ${formatBytes(r.contextBytes)}.` : "",
    same === "" ? "" : `- Per-platform manifests compared with buildctl's: ${same}.`,
    ...r.notes.map((n) => `- ${n}`),
    "",
    ...timeTable(r),
    "",
    "### Targets (issue 13)",
    "",
    ...targetLines(r),
    "",
    "### Client cost",
    "",
    ...clientTable(r),
    "",
  ]
    .filter((l, i, all) => l !== "" || all[i - 1] !== "")
    .join("\n");
}
