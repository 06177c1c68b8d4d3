import { tmpdir } from "node:os";
import { existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { BuilderReport, Preconnection } from "../builder/index.js";
import type { SolveStatus } from "../buildkit/index.js";
import {
  dockerfilePath,
  planBuild,
  readInputs,
  runContextFromEnv,
  INPUT_NAMES,
  type BuildPlan,
} from "../plan/index.js";
import { checkLocalPaths } from "../plan/check-paths.js";
import { applyStepTimes, type StepTimes, type TimeSaved } from "../progress/step-times.js";
import { messageOf } from "../shared/message-of.js";
import { headCommitTime } from "./head-commit-time.js";
import { toOutputs } from "./outputs.js";
import { BuildRecord } from "../progress/build-record.js";
import { dockerfileExcerpt } from "./dockerfile-excerpt.js";
import { describeFailure, type AnnotationTarget, type Failure, type FailureDetails } from "./report-failure.js";
import { runBuild, type BuildOutcome } from "./run-build.js";

/** Where the durations of earlier uncached runs come from and go (a file for the CLI, the runner cache on GitHub). */
export interface StepTimesStore {
  /** Called before the build starts; the function it returns is awaited only once the build is done. */
  restore(): () => Promise<StepTimes>;
  save(times: StepTimes): Promise<void>;
}

/** One build asked for by an entry point: raw inputs by their `action.yml` names, and the process around it. */
export interface PipelineRequest {
  /** The raw value of an input, untrimmed, `""` when unset. */
  readonly input: (name: string) => string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** What an entry point adds to the pipeline: where lines go, and what it does between the stages. */
export interface PipelineHooks {
  readonly log: (line: string) => void;
  /**
   * Something the user should see (the action makes it an annotation); `where` for a finding in the Dockerfile
   * (build checks), relative to the workspace as annotations want it.
   */
  readonly warn: (message: string, where?: AnnotationTarget) => void;
  readonly signal?: AbortSignal;
  /** Name of the docker-container builder. */
  readonly builderName?: string;
  /** A remote builder connection opened before planning (see {@link Preconnection}). */
  readonly preconnected?: Preconnection;
  /** After planning, before anything starts: masking secrets, saving state, restoring caches. */
  readonly planned?: (plan: BuildPlan) => Promise<void> | void;
  readonly stepTimes: (plan: BuildPlan) => StepTimesStore;
  /** Once the builder is up, before solving. */
  readonly onBuilder?: (report: BuilderReport) => void;
  /** As soon as this run creates a BuildKit container (before it is ready), so a failed start is cleaned up too. */
  readonly onContainerCreated?: (containerName: string) => void;
  /** Around the build's own log (the action folds it into a group); `solved` runs on failure too. */
  readonly solving?: () => void;
  readonly solved?: () => void;
  /** Renders progress instead of buildx's plain lines through `log`. */
  readonly onStatus?: (status: SolveStatus) => void;
}

export type PipelineResult =
  | {
      readonly ok: true;
      readonly plan: BuildPlan;
      readonly outcome: BuildOutcome;
      readonly outputs: Readonly<Record<string, string>>;
      readonly saved: TimeSaved | undefined;
    }
  | {
      readonly ok: false;
      readonly plan: BuildPlan | undefined;
      readonly failures: readonly Failure[];
      /** The failing step and its last log lines, the Dockerfile around the failing instruction: for the summary. */
      readonly details: FailureDetails;
    };

/**
 * inputs -> plan -> builder -> solve (+ session) -> verify -> outputs: the one pipeline behind the action and the
 * CLI. Never throws: whatever stops the build comes back as one line per problem (Dockerfile errors with file and
 * line), for the entry point to print its own way.
 */
export async function runPipeline(request: PipelineRequest, hooks: PipelineHooks): Promise<PipelineResult> {
  const { env, cwd } = request;
  let plan: BuildPlan | undefined;
  const workspace = env["GITHUB_WORKSPACE"] || cwd;
  // Outlives a failed solve, so the summary can show the failing step's last lines.
  const record = new BuildRecord();
  try {
    // HEAD's commit time is only the default epoch: skip git when one is given.
    const epochGiven = request.input(INPUT_NAMES.sourceDateEpoch) !== "" || env["SOURCE_DATE_EPOCH"] !== undefined;
    const commitTime = epochGiven ? undefined : await headCommitTime(workspace);
    plan = planBuild(
      readInputs(request.input),
      runContextFromEnv(env, {
        cwd,
        tmpdir: tmpdir(),
        // A workspace with the Dockerfile but no .git (generated files, a tarball) still builds locally.
        workspaceHasCheckout:
          existsSync(join(workspace, ".git")) ||
          existsSync(join(workspace, request.input(INPUT_NAMES.file).trim() || "Dockerfile")),
        ...(commitTime === undefined ? {} : { headCommitTime: commitTime }),
      }),
    );
    // Paths on disk, checked before anything starts: one line per missing or wrong one, naming its input.
    checkLocalPaths(plan);
    // The record of earlier runs loads alongside whatever `planned` restores and the build itself.
    const store = hooks.stepTimes(plan);
    const prior = store.restore();
    await hooks.planned?.(plan);
    hooks.solving?.();
    let outcome: BuildOutcome;
    try {
      outcome = await runBuild(plan, {
        env,
        record,
        log: hooks.log,
        onWarning: (message, source) => {
          if (!source) return hooks.warn(message);
          // The daemon names the Dockerfile as the frontend read it; the annotation wants the repository's path.
          const path = dockerfilePath(plan!);
          const file = path && basename(path) === source.file ? relative(workspace, path) : source.file;
          hooks.warn(message, { ...source, file });
        },
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        ...(hooks.builderName ? { builderName: hooks.builderName } : {}),
        ...(hooks.preconnected ? { preconnected: hooks.preconnected } : {}),
        ...(hooks.onBuilder ? { onBuilder: hooks.onBuilder } : {}),
        ...(hooks.onContainerCreated ? { onContainerCreated: hooks.onContainerCreated } : {}),
        ...(hooks.onStatus ? { onStatus: hooks.onStatus } : {}),
      });
    } finally {
      hooks.solved?.();
    }
    const times = applyStepTimes(await prior(), outcome.record);
    await store.save(times.next).catch((err: unknown) => hooks.log(`step times: ${messageOf(err)}`));
    return { ok: true, plan, outcome, outputs: toOutputs(outcome, { saved: times.saved }), saved: times.saved };
  } catch (err) {
    const path = plan ? dockerfilePath(plan) : undefined;
    const failures = describeFailure(err, { workspace, ...(path ? { dockerfilePath: path } : {}) });
    const step = record.failedStep();
    const at = failures.find((f) => f.annotation)?.annotation;
    const excerpt = path && at ? await dockerfileExcerpt(path, at) : undefined;
    const details: FailureDetails = {
      ...(step ? { step } : {}),
      ...(at && excerpt ? { excerpt: { file: at.file, lines: excerpt } } : {}),
    };
    return { ok: false, plan, failures, details };
  }
}
