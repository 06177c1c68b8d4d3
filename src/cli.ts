import { parseArgs } from "node:util";
import { builderScope, readStepTimesFile, runPipeline, stepTimesFile, writeStepTimesFile } from "./build/index.js";
import { formatTimeSaved, type StepTimes } from "./progress/step-times.js";
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
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  let args: Map<string, string>;
  try {
    args = inputsFromArgs(rest);
  } catch (err) {
    log(`error: ${messageOf(err)}`);
    return 1;
  }
  const cwd = process.cwd();
  const result = await runPipeline(
    { input: (name) => args.get(name) ?? "", env: { ...process.env, GITHUB_WORKSPACE: cwd }, cwd },
    {
      log,
      warn: (message) => log(`warning: ${message}`),
      // Durations of earlier uncached runs on this builder, for the time the cached steps saved.
      stepTimes: (plan) => {
        const file = stepTimesFile(process.env, builderScope(plan.builder, process.env));
        return {
          restore: () => {
            const times = readStepTimesFile(file).catch((err: unknown): StepTimes => {
              log(`note: ${messageOf(err)}`);
              return new Map();
            });
            return () => times;
          },
          save: (times) => writeStepTimesFile(file, times),
        };
      },
    },
  );
  if (!result.ok) {
    for (const f of result.failures) {
      const where = f.annotation ? `${f.annotation.file}:${f.annotation.startLine}: ` : "";
      log(`error: ${where}${f.message}`);
    }
    return 1;
  }
  const { cached, total } = result.outcome.record.cacheStats();
  const saved = result.saved ? `, ${formatTimeSaved(result.saved)}` : "";
  log(`\nbuilt in ${(result.outcome.durationMs / 1000).toFixed(1)}s, ${cached}/${total} steps cached${saved}`);
  const json: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.outputs)) json[k] = k === "digest" || k === "imageid" ? v : JSON.parse(v);
  process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
