import { parseArgs } from "node:util";
import { runPipeline } from "../build/index.js";
import {
  currentCommit,
  fanInAnnotations,
  fanOutInput,
  partRecordOf,
  readPartDir,
  runFanIn,
  writePartFile,
} from "../build/fan/index.js";
import { RegistryClient, dockerCredentialStore } from "../registry/index.js";
import { messageOf } from "../shared/message-of.js";
import { normalizePlatform } from "../shared/platform.js";
import { CliError, EXIT } from "./cli-error.js";
import { flagForInput } from "./flags.js";
import type { BuildCommand } from "./parse-build-args.js";
import { flagMessage, type CliStreams } from "./run-build-command.js";

export const MERGE_USAGE = `Usage: kiln merge --tag REF [--tag REF] [--platform LIST] [--commit SHA] [--annotation A] DIR

Joins the part records that \`kiln build --push --fan-out DIR\` legs wrote into one image index: every platform
manifest and its attestation manifests, pushed by digest, read back, then tagged. Refuses parts from another commit,
a platform built twice or missing (with --platform), and legs that resolved one base image to different digests.
  -t, --tag REF          where the index goes (the parts' repository), repeatable
      --platform LIST    platforms that must all be present, comma-separated or repeatable
      --commit SHA       the commit every part must come from (default GITHUB_SHA; else the parts must agree)
      --annotation A     index:K=V or index-descriptor:K=V for the joined index, repeatable (manifest
                         annotations go on the legs' builds)
Prints, on stdout, the outputs of a single build as JSON (digest, digests, attestations, buildinfo, metadata).`;

/**
 * Takes `--fan-out DIR` (or `--fan-out=DIR`) out of `kiln build`'s arguments, so the build's own flag parser never
 * sees it.
 */
export function takeFanOutFlag(argv: readonly string[]): { readonly dir: string | undefined; readonly rest: string[] } {
  const rest: string[] = [];
  let dir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === "--fan-out") {
      dir = argv[++i];
      if (dir === undefined || dir.startsWith("-")) throw new CliError("--fan-out: expected a directory", "usage");
    } else if (a.startsWith("--fan-out=")) dir = a.slice("--fan-out=".length);
    else rest.push(a);
  }
  return { dir, rest };
}

/**
 * `kiln build --push --fan-out DIR`: the build pushed by digest to the tag's repository (no tag moves), read back,
 * and its part record written to `DIR/<platform>.json`. Prints the build's outputs and the part's path.
 */
export async function runFanOutCommand(
  command: BuildCommand,
  dir: string,
  process: { readonly env: NodeJS.ProcessEnv; readonly cwd: string },
  io: CliStreams,
): Promise<number> {
  const line = (text: string): void => io.err(`${text}\n`);
  const leg = fanOutInput(
    (name) => command.inputs.get(name) ?? "",
    (input) => flagForInput(input) ?? input,
  );
  const env = { ...process.env, GITHUB_WORKSPACE: process.cwd };
  const quiet = command.progress !== "plain";
  const result = await runPipeline(
    { input: leg.input, env, cwd: process.cwd },
    {
      log: quiet ? () => {} : line,
      warn: (message) => line(`warning: ${message}`),
      stepTimes: () => ({ restore: () => () => Promise.resolve(new Map()), save: () => Promise.resolve() }),
    },
  );
  if (!result.ok) {
    for (const f of result.failures) line(`error: ${flagMessage(f)}`);
    return EXIT.failed;
  }
  const registry = new RegistryClient({ credentials: dockerCredentialStore({ env }) });
  let path: string;
  try {
    const commit = await currentCommit(process.env, process.cwd);
    const record = await partRecordOf(result.outcome, { image: leg.image, commit, env: process.env }, registry);
    path = await writePartFile(dir, record);
  } finally {
    registry.close();
  }
  line(`part ${path}: ${Object.keys(result.outcome.pushed?.digests ?? {}).join(", ")} pushed by digest, no tag moved`);
  const json: Record<string, unknown> = { part: path };
  for (const [k, v] of Object.entries(result.outputs)) json[k] = k === "digest" || k === "imageid" ? v : JSON.parse(v);
  io.out(`${JSON.stringify(json, null, 2)}\n`);
  return EXIT.ok;
}

/** `kiln merge --tag REF [--tag REF] [--platform LIST] [--commit SHA] DIR`. */
export async function runMergeCommand(
  argv: readonly string[],
  process: { readonly env: NodeJS.ProcessEnv; readonly cwd: string },
  io: CliStreams,
): Promise<number> {
  let values: { tag?: string[]; platform?: string[]; commit?: string; annotation?: string[]; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        tag: { type: "string", short: "t", multiple: true },
        platform: { type: "string", multiple: true },
        commit: { type: "string" },
        annotation: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new CliError((err as Error).message, "usage");
  }
  if (values.help) {
    io.out(`${MERGE_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new CliError(`expected one parts directory, got ${positionals.length}`, "usage");
  const tags = values.tag ?? [];
  if (tags.length === 0) throw new CliError("--tag: expected at least one image reference for the index", "usage");
  const platforms = (values.platform ?? [])
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  const normalised = platforms.map((p) => {
    const n = normalizePlatform(p);
    if (n === undefined)
      throw new CliError(`--platform: expected a list like "linux/amd64,linux/arm64", got "${p}"`, "value");
    return n;
  });
  let annotations;
  try {
    annotations = fanInAnnotations((values.annotation ?? []).join("\n"), "--annotation");
  } catch (err) {
    throw new CliError(messageOf(err), "value");
  }
  const parts = await readPartDir(positionals[0]!);
  const commit = values.commit ?? process.env["GITHUB_SHA"];
  const result = await runFanIn({
    parts,
    tags,
    platforms: normalised,
    annotations,
    ...(commit ? { commit } : {}),
    env: process.env,
    log: (text) => io.err(`${text}\n`),
  });
  const json: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.outputs)) json[k] = k === "digest" || k === "imageid" ? v : JSON.parse(v);
  io.out(`${JSON.stringify(json, null, 2)}\n`);
  return EXIT.ok;
}
