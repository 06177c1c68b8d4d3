// Runs a build through Kiln's one pipeline (src/build/pipeline.ts: inputs -> plan -> builder -> solve -> verify),
// the path both the action and the CLI take, with inputs given by their action.yml names.
import { tmpdir } from "node:os";
import { runPipeline } from "../../src/build/pipeline.js";
import type { BuildOutcome } from "../../src/build/run-build.js";
import type { AnnotationTarget, Failure } from "../../src/build/report-failure.js";
import type { CorpusCase } from "../buildkit/corpus.js";

export type Inputs = Readonly<Record<string, string>>;

export interface KilnRun {
  readonly outcome: BuildOutcome;
  readonly outputs: Readonly<Record<string, string>>;
  readonly log: readonly string[];
  /** What the entry point would annotate: each warning with its file and lines, when it has them. */
  readonly warnings: readonly { message: string; where?: AnnotationTarget }[];
}

/** The pipeline with `inputs` (unset inputs are ""); rejects with Kiln's failure lines and log tail. */
export async function runKiln(
  inputs: Inputs,
  env: NodeJS.ProcessEnv = process.env,
  options: { builderName?: string } = {},
): Promise<KilnRun> {
  const { result, log, warnings } = await pipeline(inputs, env, options);
  if (!result.ok) {
    throw new Error(
      `kiln build failed:\n${result.failures.map((f) => f.message).join("\n")}\n${log.slice(-40).join("\n")}`,
    );
  }
  return { outcome: result.outcome, outputs: result.outputs, log, warnings };
}

/** The lines Kiln reports for a build that must fail; rejects when it succeeds. */
export async function kilnFailures(inputs: Inputs): Promise<readonly Failure[]> {
  const { result } = await pipeline(inputs, process.env, {});
  if (result.ok) throw new Error("kiln build succeeded where it should have failed");
  return result.failures;
}

async function pipeline(inputs: Inputs, env: NodeJS.ProcessEnv, options: { builderName?: string }) {
  const log: string[] = [];
  const warnings: { message: string; where?: AnnotationTarget }[] = [];
  const result = await runPipeline(
    { input: (name) => inputs[name] ?? "", env: { ...env, RUNNER_TEMP: tmpdir() }, cwd: process.cwd() },
    {
      log: (line) => log.push(line),
      ...(options.builderName ? { builderName: options.builderName } : {}),
      warn: (message, where) => warnings.push(where ? { message, where } : { message }),
      // No record of earlier runs: each test starts from none and keeps none.
      stepTimes: () => ({ restore: () => () => Promise.resolve(new Map()), save: () => Promise.resolve() }),
    },
  );
  return { result, log, warnings };
}

/** The inputs that build a corpus case as buildctlBuild does: push, SOURCE_DATE_EPOCH, max provenance. */
export function corpusInputs(c: CorpusCase, ref: string, epoch: number): Inputs {
  return {
    context: c.context,
    file: c.dockerfile,
    platforms: c.platforms.join(","),
    tags: ref,
    push: "true",
    pull: "true",
    provenance: "mode=max",
    // Kiln adds an SBOM to pushes by default; buildctlBuild makes none (and the scanner lives on Docker Hub).
    sbom: "false",
    "source-date-epoch": String(epoch),
    "build-args": Object.entries(c.buildArgs ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
    "build-contexts": Object.entries(c.namedContexts ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
    "secret-files": Object.entries(c.secretFiles ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
    ...(c.target ? { target: c.target } : {}),
  };
}
