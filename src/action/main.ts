import * as core from "@actions/core";
import { tmpdir } from "node:os";
import { readInputs, runContextFromEnv } from "../plan/inputs.js";
import { planBuild, type BuildPlan } from "../plan/plan.js";
import { runBuild } from "../build/run-build.js";
import { toOutputs } from "../build/outputs.js";
import { renderSummary } from "../build/summary.js";
import { describeFailure } from "../build/report-failure.js";
import { headCommitTime } from "../build/head-commit-time.js";
import { dockerfilePath } from "../plan/context/dockerfile-path.js";
import { stateKeys } from "./state.js";
import { cacheCredentials } from "../plan/cache/cache-credentials.js";
import { parseDockerHost } from "../docker/index.js";
import { formatStep, groupSteps } from "../progress/step-groups.js";
import { parseBool } from "../plan/values/parse-bool.js";
import { commentMarker, upsertComment } from "./pr-comment.js";
import { localCacheScope, runSuffix } from "./runner-cache/keys.js";
import { builderScope } from "../build/step-times-file.js";
import { awaitStepTimes, restoreStepTimes, stepTimesPlace, writeJobStepTimes } from "./runner-cache/step-times.js";
import { applyStepTimes } from "../progress/step-times.js";
import { messageOf } from "../shared/message-of.js";

/** The action's main step: inputs -> plan -> build -> verified outputs. Catches once; never prints a stack. */
async function main(): Promise<void> {
  const workspace = process.env["GITHUB_WORKSPACE"] || process.cwd();
  let plan: BuildPlan | undefined;
  let logGroupOpen = false;
  try {
    const inputs = readInputs((name) => core.getInput(name, { trimWhitespace: false }));
    // HEAD's commit time is only the default epoch: skip git when one is given.
    const epochGiven = core.getInput("source-date-epoch") !== "" || process.env["SOURCE_DATE_EPOCH"] !== undefined;
    const commitTime = epochGiven ? undefined : await headCommitTime(workspace);
    const run = runContextFromEnv(process.env, {
      cwd: process.cwd(),
      tmpdir: tmpdir(),
      ...(commitTime === undefined ? {} : { headCommitTime: commitTime }),
    });
    plan = planBuild(inputs, run);
    const prComment = parseBool(core.getInput("pr-comment"), "pr-comment");
    // Mask every secret value the runner could print: inline values and those read from the environment.
    for (const s of plan.secrets) {
      if (s.source.kind === "value") core.setSecret(s.source.value);
      if (s.source.kind === "env" && process.env[s.source.name]) core.setSecret(process.env[s.source.name]!);
    }
    for (const credential of cacheCredentials([...plan.cacheFrom, ...plan.cacheTo])) core.setSecret(credential);
    core.saveState(stateKeys.cleanup, core.getInput("cleanup") || "true");
    // The runner cache exists only on GitHub's runners; its modules (@actions/cache and Azure storage, most of the
    // bundle) load only there.
    const runnerCaching = process.env["ACTIONS_RUNTIME_TOKEN"] ? await import("./runner-cache/index.js") : undefined;
    const builderName = `kiln_${process.env["GITHUB_JOB"] ?? "job"}`.replace(/[^a-zA-Z0-9_.-]/g, "_");
    // Durations of earlier uncached runs, for the summary's time saved: restored alongside the build, awaited
    // (briefly) only when the summary is written.
    const stepTimes = stepTimesPlace(
      process.env["RUNNER_TEMP"] || tmpdir(),
      localCacheScope(process.env),
      builderScope(plan.builder, process.env, builderName),
      runSuffix(process.env),
    );
    const priorStepTimes = restoreStepTimes(stepTimes, runnerCaching?.actionsRunnerCache(), (line) => core.info(line));
    const caches = runnerCaching
      ? await runnerCaching.restoreRunnerCaches(plan, {
          env: process.env,
          dockerHost: parseDockerHost(process.env["DOCKER_HOST"]),
          tempDir: process.env["RUNNER_TEMP"] || tmpdir(),
          log: (line) => core.info(line),
        })
      : undefined;
    if (caches?.imageState) core.saveState(stateKeys.imageCache, caches.imageState);
    core.startGroup("Build log (all platforms, as BuildKit reports them)");
    logGroupOpen = true;
    const outcome = await runBuild(plan, {
      env: process.env,
      log: (line) => core.info(line),
      onWarning: (message) => core.warning(message),
      builderName,
      onBuilder: (report) => {
        if (report.container) core.saveState(stateKeys.container, report.container);
        if (process.env["DOCKER_HOST"]) core.saveState(stateKeys.dockerHost, process.env["DOCKER_HOST"]);
      },
    });
    core.endGroup();
    logGroupOpen = false;
    if (runnerCaching && caches) await runnerCaching.saveLocalCaches(caches, (line) => core.info(line));
    for (const group of groupSteps(outcome.record.list())) {
      core.startGroup(group.platform ? `Steps for ${group.platform}` : "Shared steps");
      for (const { stage, steps } of group.stages) {
        if (stage) core.info(`stage ${stage}`);
        for (const step of steps) core.info(formatStep(step));
      }
      core.endGroup();
    }
    const times = applyStepTimes(await awaitStepTimes(priorStepTimes, (line) => core.info(line)), outcome.record);
    try {
      const state = await writeJobStepTimes(stepTimes, times.next);
      if (runnerCaching) core.saveState(stateKeys.stepTimes, state);
    } catch (err) {
      core.info(`step times: ${messageOf(err)}`);
    }
    for (const [name, value] of Object.entries(toOutputs(outcome, { saved: times.saved }))) core.setOutput(name, value);
    const summary = renderSummary(outcome, { saved: times.saved });
    if (process.env["GITHUB_STEP_SUMMARY"]) await core.summary.addRaw(summary).write();
    if (prComment) await commentOnPullRequest(summary);
  } catch (err) {
    // Errors go outside the log group, where they are seen without expanding it.
    if (logGroupOpen) core.endGroup();
    const path = plan ? dockerfilePath(plan) : undefined;
    for (const f of describeFailure(err, { workspace, ...(path ? { dockerfilePath: path } : {}) })) {
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
}

/** Keeps one comment per job on the pull request up to date; a failure here only warns. */
async function commentOnPullRequest(summary: string): Promise<void> {
  const { pullRequestNumber } = await import("./github-comments.js");
  const issue = pullRequestNumber();
  if (issue === undefined) return;
  const token = core.getInput("github-token");
  try {
    const marker = commentMarker(process.env["GITHUB_WORKFLOW"] ?? "", process.env["GITHUB_JOB"] ?? "");
    const { githubComments } = await import("./github-comments.js");
    const result = await upsertComment(githubComments(token), issue, marker, summary);
    core.info(`pull request comment ${result}`);
  } catch (err) {
    core.warning(`could not comment on pull request #${issue}: ${messageOf(err)}`);
  }
}

await main();
