import * as core from "@actions/core";
import { tmpdir } from "node:os";
import { builderScope, renderSummary, runPipeline, type Failure } from "../build/index.js";
import { cacheCredentials, INPUT_NAMES, type BuildPlan } from "../plan/index.js";
import { parseDockerHost } from "../docker/index.js";
import { formatStep, groupSteps } from "../progress/step-groups.js";
import { messageOf } from "../shared/message-of.js";
import { commentMarker, upsertComment } from "./pr-comment.js";
import { localCacheScope, runSuffix } from "./runner-cache/keys.js";
import { awaitStepTimes, restoreStepTimes, stepTimesPlace, writeJobStepTimes } from "./runner-cache/step-times.js";
import { stateKeys } from "./state.js";

/** The action's main step: the build pipeline with GitHub's log groups, annotations, state, caches and summary. */
async function main(): Promise<void> {
  const env = process.env;
  // The runner cache exists only on GitHub's runners; its modules (@actions/cache and Azure storage, most of the
  // bundle) load only there.
  const runnerCaching = env["ACTIONS_RUNTIME_TOKEN"] ? await import("./runner-cache/index.js") : undefined;
  const builderName = `kiln_${env["GITHUB_JOB"] ?? "job"}`.replace(/[^a-zA-Z0-9_.-]/g, "_");
  const tempDir = env["RUNNER_TEMP"] || tmpdir();
  let caches: Awaited<ReturnType<NonNullable<typeof runnerCaching>["restoreRunnerCaches"]>> | undefined;
  const result = await runPipeline(
    { input: (name) => core.getInput(name, { trimWhitespace: false }), env, cwd: process.cwd() },
    {
      log: (line) => core.info(line),
      warn: (message) => core.warning(message),
      builderName,
      planned: async (plan) => {
        maskSecrets(plan);
        core.saveState(stateKeys.cleanup, String(plan.cleanup));
        if (!runnerCaching) return;
        caches = await runnerCaching.restoreRunnerCaches(plan, {
          env,
          dockerHost: parseDockerHost(env["DOCKER_HOST"]),
          tempDir,
          log: (line) => core.info(line),
        });
        if (caches.imageState) core.saveState(stateKeys.imageCache, caches.imageState);
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
        const log = (line: string): void => core.info(line);
        return {
          restore: () => {
            const restoring = restoreStepTimes(place, runnerCaching?.actionsRunnerCache(), log);
            return () => awaitStepTimes(restoring, log);
          },
          save: async (times) => {
            const state = await writeJobStepTimes(place, times);
            if (runnerCaching) core.saveState(stateKeys.stepTimes, state);
          },
        };
      },
      onBuilder: (report) => {
        if (report.container) core.saveState(stateKeys.container, report.container);
        if (env["DOCKER_HOST"]) core.saveState(stateKeys.dockerHost, env["DOCKER_HOST"]);
      },
      // Errors are printed outside the group, where they are seen without expanding it.
      solving: () => core.startGroup("Build log (all platforms, as BuildKit reports them)"),
      solved: () => core.endGroup(),
    },
  );
  if (!result.ok) return fail(result.failures);
  try {
    if (runnerCaching && caches) await runnerCaching.saveLocalCaches(caches, (line) => core.info(line));
    for (const group of groupSteps(result.outcome.record.list(), result.plan.platforms)) {
      core.startGroup(group.platform ? `Steps for ${group.platform}` : "Shared steps");
      for (const { stage, steps } of group.stages) {
        if (stage) core.info(`stage ${stage}`);
        for (const step of steps) core.info(formatStep(step));
      }
      core.endGroup();
    }
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
    const summary = renderSummary(result.outcome, { saved: result.saved });
    if (env["GITHUB_STEP_SUMMARY"]) await core.summary.addRaw(summary).write();
    if (result.plan.prComment) await commentOnPullRequest(summary);
  } catch (err) {
    fail([{ message: messageOf(err) }]);
  }
}

/** Masks every secret value the runner could print: inline values, those read from the environment, cache keys. */
function maskSecrets(plan: BuildPlan): void {
  for (const s of plan.secrets) {
    if (s.source.kind === "value") core.setSecret(s.source.value);
    if (s.source.kind === "env" && process.env[s.source.name]) core.setSecret(process.env[s.source.name]!);
  }
  for (const credential of cacheCredentials([...plan.cacheFrom, ...plan.cacheTo])) core.setSecret(credential);
}

/** One `::error` per problem, Dockerfile errors with file and line; the step fails. */
function fail(failures: readonly Failure[]): void {
  for (const f of failures) {
    if (f.annotation) {
      core.error(f.message, {
        file: f.annotation.file,
        startLine: f.annotation.startLine,
        endLine: f.annotation.endLine,
      });
    } else core.error(f.message);
  }
  process.exitCode = 1;
}

/** Keeps one comment per job on the pull request up to date; a failure here only warns. */
async function commentOnPullRequest(summary: string): Promise<void> {
  const { githubComments, pullRequestNumber } = await import("./github-comments.js");
  const issue = pullRequestNumber();
  if (issue === undefined) return;
  try {
    const marker = commentMarker(process.env["GITHUB_WORKFLOW"] ?? "", process.env["GITHUB_JOB"] ?? "");
    const result = await upsertComment(githubComments(core.getInput(INPUT_NAMES.githubToken)), issue, marker, summary);
    core.info(`pull request comment ${result}`);
  } catch (err) {
    core.warning(`could not comment on pull request #${issue}: ${messageOf(err)}`);
  }
}

await main();
