import * as runner from "./runner-commands.js";
import { tmpdir } from "node:os";
import {
  builderScope,
  renderFailureSummary,
  renderSummary,
  runPipeline,
  summaryEnabled,
  type Failure,
  type SummaryTarget,
} from "../build/index.js";
import { cacheCredentials, INPUT_NAMES, type BuildPlan } from "../plan/index.js";
import { parseDockerHost } from "../docker/index.js";
import type { Preconnection } from "../builder/index.js";
import { formatStep, groupSteps } from "../progress/step-groups.js";
import { messageOf } from "../shared/message-of.js";
import { matrixLegId } from "./matrix-leg.js";
import { commentMarker, upsertComment } from "./pr-comment.js";
import { localCacheScope, runSuffix } from "./runner-cache/keys.js";
import { awaitStepTimes, restoreStepTimes, stepTimesPlace, writeJobStepTimes } from "./runner-cache/step-times.js";
import { builderNameFor } from "./builder-name.js";
import { stateKeys } from "./state.js";
import { fanStep } from "./fan-step.js";
import type { PartArtifacts } from "./fan-artifacts.js";
import { credentialBuildArgs } from "../plan/secrets/credential-args.js";
import { valuesToMask } from "../plan/secrets/mask-values.js";

/** The run's artifact service, loaded only by fan steps (its modules are a large part of the bundle). */
async function partArtifacts(): Promise<PartArtifacts> {
  const { DefaultArtifactClient } = await import("@actions/artifact");
  return new DefaultArtifactClient();
}

/**
 * The action's main step: the build pipeline with GitHub's log groups, annotations, state, caches and summary.
 * `preconnected`: the remote builder connection main.ts opened before this module loaded.
 */
export async function runMainStep(preconnected: Preconnection | undefined): Promise<void> {
  const env = process.env;
  // The runner cache exists only on GitHub's runners; its modules (@actions/cache and Azure storage, most of the
  // bundle) load only there.
  const runnerCaching = env["ACTIONS_RUNTIME_TOKEN"] ? await import("./runner-cache/index.js") : undefined;
  const builderName = builderNameFor(env);
  const tempDir = env["RUNNER_TEMP"] || tmpdir();
  // fan-out legs build with rewritten inputs and hand their part to the run; the fan-in builds nothing.
  let fan: ReturnType<typeof fanStep>;
  try {
    fan = fanStep((name) => runner.getInput(name, { trimWhitespace: false }), env, partArtifacts);
    if (fan?.kind === "fan-in") return await fan.run();
  } catch (err) {
    return fail([{ message: messageOf(err) }]);
  }
  let caches: Awaited<ReturnType<NonNullable<typeof runnerCaching>["restoreRunnerCaches"]>> | undefined;
  const result = await runPipeline(
    {
      input: fan?.kind === "fan-out" ? fan.input : (name) => runner.getInput(name, { trimWhitespace: false }),
      env,
      cwd: process.cwd(),
    },
    {
      log: (line) => runner.info(line),
      warn: (message, where) => runner.warning(message, where),
      builderName,
      ...(preconnected ? { preconnected } : {}),
      planned: async (plan) => {
        maskSecrets(plan);
        runner.saveState(stateKeys.cleanup, String(plan.cleanup));
        if (plan.builder.driver === "docker-container" && plan.builder.container?.keepState) {
          runner.saveState(stateKeys.keepState, "true");
        }
        // The Docker daemon the builder runs on: `endpoint` for docker-container, else DOCKER_HOST. The post step
        // and the image cache must talk to that one.
        const dockerHostAddress =
          (plan.builder.driver !== "remote" ? plan.builder.dockerHost : undefined) ?? env["DOCKER_HOST"];
        if (dockerHostAddress) runner.saveState(stateKeys.dockerHost, dockerHostAddress);
        if (!runnerCaching) return;
        caches = await runnerCaching.restoreRunnerCaches(plan, {
          env,
          dockerHost: parseDockerHost(dockerHostAddress),
          tempDir,
          log: (line) => runner.info(line),
        });
        if (caches.imageState) runner.saveState(stateKeys.imageCache, caches.imageState);
      },
      // Durations of earlier uncached runs, for the summary's time saved: restored alongside the build, awaited
      // (briefly) only when the summary is written.
      stepTimes: (plan) => {
        const place = stepTimesPlace(
          tempDir,
          localCacheScope(env),
          builderScope(plan.builder, env, builderName),
          runSuffix(env),
        );
        const log = (line: string): void => runner.info(line);
        return {
          restore: () => {
            const restoring = restoreStepTimes(place, runnerCaching?.actionsRunnerCache(), log);
            return () => awaitStepTimes(restoring, log);
          },
          save: async (times) => {
            const state = await writeJobStepTimes(place, times);
            if (runnerCaching) runner.saveState(stateKeys.stepTimes, state);
          },
        };
      },
      // Saved as soon as the container exists, so the post step removes it even when the builder then fails to
      // open (readiness, QEMU, Info).
      onContainerCreated: (name) => runner.saveState(stateKeys.container, name),
      onBuilder: (report) => {
        if (report.container) runner.saveState(stateKeys.container, report.container);
      },
      // Errors are printed outside the group, where they are seen without expanding it.
      solving: () => runner.startGroup("Build log (all platforms, as BuildKit reports them)"),
      solved: () => runner.endGroup(),
    },
  );
  if (!result.ok) {
    fail(result.failures);
    // The summary of a failed build carries the error block, so the run's page shows why without opening the log.
    const mask = result.plan ? secretValues(result.plan) : [];
    try {
      writeSummary(renderFailureSummary(result.failures, summaryTarget(result.plan), result.details, mask));
    } catch (err) {
      runner.info(`job summary: ${messageOf(err)}`);
    }
    return;
  }
  try {
    if (runnerCaching && caches) await runnerCaching.saveLocalCaches(caches, (line) => runner.info(line));
    for (const group of groupSteps(result.outcome.record.list(), result.plan.platforms)) {
      runner.startGroup(group.platform ? `Steps for ${group.platform}` : "Shared steps");
      for (const { stage, steps } of group.stages) {
        if (stage) runner.info(`stage ${stage}`);
        for (const step of steps) runner.info(formatStep(step));
      }
      runner.endGroup();
    }
    // call: outline|targets prints the answer where buildx prints it (its stdout is the step's log) and sets only
    // the outputs build-push-action sets for a call: `metadata` (the answer as buildx's metadata file holds it), no
    // digest or imageid, no build summary (nothing was built).
    if (result.outcome.call) {
      process.stdout.write(result.outcome.call.stdout);
      runner.setOutput("metadata", result.outputs["metadata"] ?? "{}");
      return;
    }
    for (const [name, value] of Object.entries(result.outputs)) runner.setOutput(name, value);
    // A leg's summary is a few lines: the fan-in's rolls every leg up.
    const legSummary = fan?.kind === "fan-out" ? await fan.handOver(result.outcome) : undefined;
    const summary =
      legSummary ?? renderSummary(result.outcome, { saved: result.saved, target: summaryTarget(result.plan) });
    writeSummary(summary);
    if (result.plan.prComment) await commentOnPullRequest(result.plan, summary);
  } catch (err) {
    fail([{ message: messageOf(err) }]);
  }
}

function summaryTarget(plan: BuildPlan | undefined): SummaryTarget {
  return { tags: plan?.tags ?? [], platforms: plan?.platforms ?? [] };
}

/** Appends to the job summary, unless there is none or `DOCKER_BUILD_SUMMARY=false` turns it off (as for buildx). */
function writeSummary(markdown: string): void {
  if (!process.env["GITHUB_STEP_SUMMARY"] || !summaryEnabled(process.env)) return;
  runner.appendSummary(markdown);
}

/**
 * Masks every secret value the runner could print: inline values, those read from the environment or a file (each
 * line of a multi-line one too), build args that look like credentials, cache keys.
 */
function maskSecrets(plan: BuildPlan): void {
  for (const v of secretValues(plan)) runner.setSecret(v);
}

/** The values {@link maskSecrets} masks; the failure summary hides them too, as it quotes the build's log. */
function secretValues(plan: BuildPlan): string[] {
  const credentialArgs = credentialBuildArgs(plan.buildArgs, plan.attestations.provenance?.mode).map((a) => a.value);
  return [
    ...valuesToMask(plan.secrets, credentialArgs, (name) => process.env[name]),
    ...cacheCredentials([...plan.cacheFrom, ...plan.cacheTo]),
  ];
}

/** One `::error` per problem, Dockerfile errors with file and line; the step fails. */
function fail(failures: readonly Failure[]): void {
  for (const f of failures) {
    if (f.annotation) {
      runner.error(f.message, {
        file: f.annotation.file,
        startLine: f.annotation.startLine,
        endLine: f.annotation.endLine,
      });
    } else runner.error(f.message);
  }
  process.exitCode = 1;
}

/** Keeps one comment per job and matrix leg on the pull request up to date; a failure here only warns. */
async function commentOnPullRequest(plan: BuildPlan, summary: string): Promise<void> {
  const { githubComments, pullRequestNumber } = await import("./github-comments.js");
  const issue = pullRequestNumber();
  if (issue === undefined) return;
  try {
    const env = process.env;
    const leg = matrixLegId(plan, env["GITHUB_SHA"]);
    const marker = commentMarker(env["GITHUB_WORKFLOW"] ?? "", env["GITHUB_JOB"] ?? "", leg);
    const result = await upsertComment(
      githubComments(runner.getInput(INPUT_NAMES.githubToken)),
      issue,
      marker,
      summary,
    );
    runner.info(`pull request comment ${result}`);
  } catch (err) {
    runner.warning(`could not comment on pull request #${issue}: ${messageOf(err)}`);
  }
}
