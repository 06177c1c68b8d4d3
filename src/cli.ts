import { parseArgs } from "node:util";
import { tmpdir } from "node:os";
import { readInputs, runContextFromEnv } from "./plan/inputs.js";
import { planBuild, type BuildPlan } from "./plan/plan.js";
import { runBuild } from "./build/run-build.js";
import { toOutputs } from "./build/outputs.js";
import { describeFailure } from "./build/report-failure.js";
import { headCommitTime } from "./build/head-commit-time.js";
import { dockerfilePath } from "./plan/context/dockerfile-path.js";
import { builderScope, readStepTimesFile, stepTimesFile, writeStepTimesFile } from "./build/step-times-file.js";
import { applyStepTimes, formatTimeSaved } from "./progress/step-times.js";
import { messageOf } from "./shared/message-of.js";

const usage = `Usage: kiln build [options] [CONTEXT]

Builds CONTEXT (default ".") with the same inputs as the Kiln action, flags named like docker buildx build's:
  -f, --file PATH            Dockerfile (default CONTEXT/Dockerfile)
      --platform LIST        target platforms, repeatable or comma-separated
  -t, --tag REF              image reference, repeatable
      --push / --load        push to the registry / load into the Docker daemon
  -o, --output SPEC          exporter, buildx syntax, repeatable
      --build-arg K=V        repeatable      --label K=V       repeatable
      --annotation K=V       repeatable      --build-context NAME=VALUE   repeatable
      --target STAGE         --network MODE  --add-host HOST:IP  --shm-size SIZE  --ulimit SPEC
      --secret SPEC          id=ID,src=PATH | id=ID,env=VAR, repeatable
      --cache-from SPEC      --cache-to SPEC (repeatable)   --no-cache   --no-cache-filter STAGE   --pull
      --provenance SPEC      default mode=max               --sbom SPEC   --sbom-generator IMAGE
      --attest SPEC          --allow ENTITLEMENT            --source-date-epoch SECONDS|none
      --record-history       keep the build in the builder's history (off by default)
      --driver NAME          docker | docker-container | remote (default docker-container)
      --endpoint ADDR        for --driver remote: tcp://host:port or unix:///path
Prints progress on stderr and, on stdout, the step outputs as JSON (digest, digests, buildinfo, ...).`;

const listFlags = {
  platform: "platforms",
  tag: "tags",
  label: "labels",
  annotation: "annotations",
  "build-arg": "build-args",
  "build-context": "build-contexts",
  output: "outputs",
  "cache-from": "cache-from",
  "cache-to": "cache-to",
  "no-cache-filter": "no-cache-filters",
  "add-host": "add-hosts",
  ulimit: "ulimit",
  allow: "allow",
  attest: "attests",
} as const;
const valueFlags = {
  file: "file",
  target: "target",
  network: "network",
  "shm-size": "shm-size",
  provenance: "provenance",
  sbom: "sbom",
  "sbom-generator": "sbom-generator",
  "source-date-epoch": "source-date-epoch",
  driver: "driver",
  endpoint: "endpoint",
} as const;
const boolFlags = {
  push: "push",
  load: "load",
  "no-cache": "no-cache",
  pull: "pull",
  "record-history": "record-history",
} as const;

/** buildx's `--secret id=x,src=path` / `id=x,env=VAR` mapped onto the action's secret-files / secret-envs. */
function splitSecrets(specs: readonly string[]): { files: string[]; envs: string[] } {
  const files: string[] = [];
  const envs: string[] = [];
  for (const spec of specs) {
    const kv = Object.fromEntries(
      spec.split(",").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]),
    );
    const id = kv["id"] ?? "";
    if (kv["env"]) envs.push(`${id}=${kv["env"]}`);
    else files.push(`${id}=${kv["src"] ?? kv["source"] ?? ""}`);
  }
  return { files, envs };
}

/** Turns command-line flags into the action's inputs, so both go through the same plan. */
export function inputsFromArgs(argv: readonly string[]): Map<string, string> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...Object.fromEntries(Object.keys(listFlags).map((k) => [k, { type: "string", multiple: true }])),
      ...Object.fromEntries(Object.keys(valueFlags).map((k) => [k, { type: "string" }])),
      ...Object.fromEntries(Object.keys(boolFlags).map((k) => [k, { type: "boolean" }])),
      secret: { type: "string", multiple: true },
      tag: { type: "string", multiple: true, short: "t" },
      file: { type: "string", short: "f" },
      output: { type: "string", multiple: true, short: "o" },
    },
  });
  const flags = values as Record<string, string | string[] | boolean | undefined>;
  const inputs = new Map<string, string>();
  for (const [flag, input] of Object.entries(listFlags)) {
    const v = flags[flag] as string[] | undefined;
    if (v) inputs.set(input, v.join("\n"));
  }
  for (const [flag, input] of Object.entries(valueFlags)) {
    const v = flags[flag] as string | undefined;
    if (v !== undefined) inputs.set(input, v);
  }
  for (const [flag, input] of Object.entries(boolFlags)) if (flags[flag]) inputs.set(input, "true");
  const { files, envs } = splitSecrets((values["secret"] as string[] | undefined) ?? []);
  if (files.length > 0) inputs.set("secret-files", files.join("\n"));
  if (envs.length > 0) inputs.set("secret-envs", envs.join("\n"));
  if (positionals.length > 1)
    throw new Error(`expected one build context, got ${positionals.length}: ${positionals.join(" ")}`);
  inputs.set("context", positionals[0] ?? ".");
  return inputs;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "build") {
    process.stderr.write(`${usage}\n`);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  let plan: BuildPlan | undefined;
  try {
    const args = inputsFromArgs(rest);
    const cwd = process.cwd();
    const epochGiven = args.has("source-date-epoch") || process.env["SOURCE_DATE_EPOCH"] !== undefined;
    const commitTime = epochGiven ? undefined : await headCommitTime(cwd);
    plan = planBuild(
      readInputs((name) => args.get(name) ?? ""),
      runContextFromEnv(
        { ...process.env, GITHUB_WORKSPACE: cwd },
        { cwd, tmpdir: tmpdir(), ...(commitTime === undefined ? {} : { headCommitTime: commitTime }) },
      ),
    );
    const log = (line: string): void => void process.stderr.write(`${line}\n`);
    // Durations of earlier uncached runs on this builder, for the time the cached steps saved.
    const timesFile = stepTimesFile(process.env, builderScope(plan.builder, process.env));
    const priorTimes = readStepTimesFile(timesFile).catch((err: unknown) => {
      log(`note: ${messageOf(err)}`);
      return new Map<string, number>();
    });
    const outcome = await runBuild(plan, { env: process.env, log });
    const times = applyStepTimes(await priorTimes, outcome.record);
    await writeStepTimesFile(timesFile, times.next).catch((err: unknown) => log(`note: ${messageOf(err)}`));
    const outputs = toOutputs(outcome, { saved: times.saved });
    const { cached, total } = outcome.record.cacheStats();
    const saved = times.saved ? `, ${formatTimeSaved(times.saved)}` : "";
    process.stderr.write(
      `\nbuilt in ${(outcome.durationMs / 1000).toFixed(1)}s, ${cached}/${total} steps cached${saved}\n`,
    );
    const json: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) json[k] = k === "digest" || k === "imageid" ? v : JSON.parse(v);
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  } catch (err) {
    const path = plan ? dockerfilePath(plan) : undefined;
    for (const f of describeFailure(err, { workspace: process.cwd(), ...(path ? { dockerfilePath: path } : {}) })) {
      const where = f.annotation ? `${f.annotation.file}:${f.annotation.startLine}: ` : "";
      process.stderr.write(`error: ${where}${f.message}\n`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
