// Runs Kiln's one pipeline (src/build/pipeline.ts) in-process with inputs by their action.yml names: the path the
// action and the CLI both take, without a bundle or a child process per build.
import { tmpdir } from "node:os";
import { runPipeline, type PipelineResult } from "../../src/build/pipeline.js";

export interface PipelineRun {
  readonly result: PipelineResult;
  /** Every log line, warnings as "warning: ...". */
  readonly log: readonly string[];
  readonly warnings: readonly string[];
}

export async function runPipelineWith(
  inputs: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  options: { signal?: AbortSignal; onLog?: (line: string) => void } = {},
): Promise<PipelineRun> {
  const log: string[] = [];
  const warnings: string[] = [];
  const result = await runPipeline(
    { input: (name) => inputs[name] ?? "", env: { ...env, RUNNER_TEMP: tmpdir() }, cwd: process.cwd() },
    {
      log: (line) => {
        log.push(line);
        options.onLog?.(line);
      },
      warn: (message) => {
        warnings.push(message);
        log.push(`warning: ${message}`);
      },
      ...(options.signal ? { signal: options.signal } : {}),
      stepTimes: () => ({ restore: () => () => Promise.resolve(new Map()), save: () => Promise.resolve() }),
    },
  );
  return { result, log, warnings };
}

/** The outputs of a run that must have succeeded; otherwise throws with its failure lines and log tail. */
export function outputsOf(run: PipelineRun): Readonly<Record<string, string>> {
  if (!run.result.ok) {
    const failures = run.result.failures.map((f) => f.message).join("\n");
    throw new Error(`kiln build failed:\n${failures}\n${run.log.slice(-30).join("\n")}`);
  }
  return run.result.outputs;
}
