import { writeFile } from "node:fs/promises";
import type { SolveStatus } from "../buildkit/index.js";
import {
  builderScope,
  readStepTimesFile,
  runPipeline,
  stepTimesFile,
  writeStepTimesFile,
  type Failure,
} from "../build/index.js";
import { formatTimeSaved, type StepTimes } from "../progress/step-times.js";
import { rawJsonLine } from "../progress/rawjson.js";
import { messageOf } from "../shared/message-of.js";
import { checkLocalContext } from "./local-context-check.js";
import { EXIT } from "./cli-error.js";
import { flagForInput } from "./flags.js";
import type { BuildCommand } from "./parse-build-args.js";
import { INPUT_NAMES } from "../plan/inputs.js";

/** Where the command writes: stderr for progress and errors, stdout for the result. */
export interface CliStreams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Runs `kiln build` once its flags are read: the action's pipeline, with progress as `--progress` asks, the outputs
 * as JSON on stdout (or only the digest with `-q`), and `--metadata-file` / `--iidfile` written as buildx writes them.
 * Returns the exit status.
 */
export async function runBuildCommand(
  command: BuildCommand,
  process: { readonly env: NodeJS.ProcessEnv; readonly cwd: string },
  io: CliStreams,
): Promise<number> {
  const { env, cwd } = process;
  const line = (text: string): void => io.err(`${text}\n`);
  checkLocalContext(command.inputs.get(INPUT_NAMES.context) ?? ".", command.inputs.get(INPUT_NAMES.file), cwd);
  const quietProgress = command.progress !== "plain";
  const result = await runPipeline(
    { input: (name) => command.inputs.get(name) ?? "", env: { ...env, GITHUB_WORKSPACE: cwd }, cwd },
    {
      // Notes and progress lines share `log`; quiet modes keep only warnings and errors.
      log: quietProgress ? () => {} : line,
      warn: (message, where) => line(`warning: ${where ? `${where.file}:${where.startLine}: ` : ""}${message}`),
      ...(command.progress === "plain" ? {} : { onStatus: statusWriter(command.progress, line) }),
      // Durations of earlier uncached runs on this builder, for the time the cached steps saved.
      stepTimes: (plan) => {
        const file = stepTimesFile(env, builderScope(plan.builder, env));
        return {
          restore: () => {
            const times = readStepTimesFile(file).catch((err: unknown): StepTimes => {
              line(`note: ${messageOf(err)}`);
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
    for (const f of result.failures) line(`error: ${flagMessage(f)}`);
    return EXIT.failed;
  }
  if (command.metadataFile)
    await writeFile(
      command.metadataFile,
      `${JSON.stringify(JSON.parse(result.outputs["metadata"] ?? "{}"), null, 2)}\n`,
    );
  if (command.iidFile) await writeFile(command.iidFile, result.outputs["imageid"] ?? "");
  // --call outline|targets: the answer is the command's result, as buildx prints it (even with -q).
  if (result.outcome.call) {
    io.out(result.outcome.call.stdout);
    return EXIT.ok;
  }
  if (command.quiet) {
    io.out(`${result.outputs["digest"] || result.outputs["imageid"] || ""}\n`);
    return EXIT.ok;
  }
  const { cached, total } = result.outcome.record.cacheStats();
  const saved = result.saved ? `, ${formatTimeSaved(result.saved)}` : "";
  if (!quietProgress)
    line(`\nbuilt in ${(result.outcome.durationMs / 1000).toFixed(1)}s, ${cached}/${total} steps cached${saved}`);
  const json: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.outputs)) json[k] = k === "digest" || k === "imageid" ? v : JSON.parse(v);
  io.out(`${JSON.stringify(json, null, 2)}\n`);
  return EXIT.ok;
}

/** `--progress quiet` drops status; `rawjson` prints each batch as one line of buildx's rawjson. */
function statusWriter(mode: "quiet" | "rawjson", line: (text: string) => void): (s: SolveStatus) => void {
  if (mode === "quiet") return () => {};
  return (s) => line(rawJsonLine(s));
}

/** A failure's line with the flag that set the input in place of the input's name: `--secret: ...`, not `secret-files: ...`. */
export function flagMessage(failure: Failure): string {
  const where = failure.input === undefined ? undefined : flagForInput(failure.input);
  const prefix = `${failure.input}: `;
  const message =
    where && failure.message.startsWith(prefix) ? `${where}: ${failure.message.slice(prefix.length)}` : failure.message;
  // Dockerfile errors point at the file and line, as a compiler would.
  return failure.annotation ? `${failure.annotation.file}:${failure.annotation.startLine}: ${message}` : message;
}
