import type { BuildOutcome } from "./run-build.js";
import type { Failure, FailureDetails } from "./report-failure.js";
import { buildkitOfEngine, parseBuildkitVersion } from "../plan/cache/gha-buildkit-version.js";
import { groupSteps } from "../progress/step-groups.js";
import { formatTimeSaved, type TimeSaved } from "../progress/step-times.js";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const escape = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** What the summary says the build was for: the image names (tags) it pushed or loaded, and its platforms. */
export interface SummaryTarget {
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
}

/**
 * Whether to write the job summary: on unless `DOCKER_BUILD_SUMMARY` is false, as build-push-action reads it
 * (Go's strconv.ParseBool spellings of false).
 */
export function summaryEnabled(env: NodeJS.ProcessEnv): boolean {
  return !["0", "f", "F", "false", "FALSE", "False"].includes(env["DOCKER_BUILD_SUMMARY"] ?? "");
}

/** The heading: names the image, so two Kiln steps in one job can be told apart. */
function heading(target: SummaryTarget, failed: boolean): string[] {
  const [first, ...more] = target.tags;
  const title = first ? `\`${escape(first)}\`` : "no image name";
  const lines = [`## Kiln build${failed ? " failed" : ""}: ${title}`, ""];
  if (more.length > 0) lines.push(`Tags: ${target.tags.map((t) => `\`${escape(t)}\``).join(", ")}`, "");
  if (target.platforms.length > 0) lines.push(`Platforms: ${target.platforms.join(", ")}`, "");
  return lines;
}

/**
 * The BuildKit version to show: its own when it reports one; for the Docker Engine's embedded BuildKit, which may say
 * "v0.0.0+unknown", the version that Engine release vendors (as the gha cache warning maps it).
 */
export function describeBuildkit(buildkitVersion: string, dockerEngineVersion: string | undefined): string {
  const own = parseBuildkitVersion(buildkitVersion);
  if (own && (own.major > 0 || own.minor > 0)) return `BuildKit ${buildkitVersion}`;
  const engine = dockerEngineVersion ? buildkitOfEngine(dockerEngineVersion) : undefined;
  if (!engine) return `BuildKit ${buildkitVersion || "(version not reported)"}`;
  const release = `v${engine.release.major}.${engine.release.minor}`;
  const version = engine.exact ? `BuildKit ${release}` : `BuildKit ${release} or later`;
  return `${version} (embedded in Docker Engine ${dockerEngineVersion})`;
}

/**
 * The job summary for one build, as Markdown: the image and its tags, the pushed digests with their attestations, the
 * builder once, and the cacheable steps, which the cache line counts (internal steps and FROM are left out of both).
 * `saved` is the time the cached steps saved against earlier uncached runs (see applyStepTimes).
 */
export function renderSummary(
  outcome: BuildOutcome,
  options: { readonly saved?: TimeSaved | undefined; readonly target: SummaryTarget },
): string {
  const lines = heading(options.target, false);
  const pushed = outcome.pushed;
  if (pushed) {
    lines.push(`Index \`${pushed.digest}\``, "", "| platform | image manifest | attestations |", "|---|---|---|");
    for (const [platform, digest] of Object.entries(pushed.digests)) {
      lines.push(
        `| ${platform} | \`${digest}\` | ${pushed.attestations[platform] ? `\`${pushed.attestations[platform]}\`` : "none"} |`,
      );
    }
    lines.push("");
  }
  const builder = outcome.builder;
  // The endpoint may start with the driver's name ("docker unix:///..."): say it once.
  const endpoint = builder.endpoint.startsWith(`${builder.driver} `)
    ? builder.endpoint.slice(builder.driver.length + 1)
    : builder.endpoint;
  lines.push(
    `Builder: ${builder.driver} driver at ${escape(endpoint)}, ${describeBuildkit(builder.buildkitVersion, outcome.dockerEngineVersion)}` +
      (builder.emulated.length > 0 ? `; emulated: ${builder.emulated.join(", ")}` : ""),
    "",
  );
  const { cached, total } = outcome.record.cacheStats();
  const rate = total === 0 ? "" : ` (${Math.round((cached / total) * 100)}%)`;
  lines.push(
    `Cache: ${cached} of ${total} steps cached${rate}${options.saved ? `, ${formatTimeSaved(options.saved)}` : ""}. ` +
      `Total time ${seconds(outcome.durationMs)}.`,
    "",
  );
  const steps = groupSteps(outcome.record.cacheableSteps(), options.target.platforms).flatMap((g) =>
    g.stages.flatMap((s) => s.steps),
  );
  if (steps.length > 0) {
    lines.push(
      `<details><summary>The ${steps.length} steps</summary>`,
      "",
      "| step | cached | time |",
      "|---|---|---|",
    );
    for (const step of steps) {
      const ms =
        step.startedMs !== undefined && step.completedMs !== undefined ? step.completedMs - step.startedMs : undefined;
      lines.push(`| ${escape(step.name)} | ${step.cached ? "yes" : ""} | ${ms === undefined ? "" : seconds(ms)} |`);
    }
    lines.push("", "</details>", "");
  }
  return lines.join("\n");
}

/**
 * The job summary of a build that failed, as buildx's error block shows it: what it was for, the error lines
 * (Dockerfile errors with file and line), the failing step's last log lines and the Dockerfile around the failing
 * instruction. `mask` holds secret values to print as `***`: the log lines are the build's own output.
 */
export function renderFailureSummary(
  failures: readonly Failure[],
  target: SummaryTarget,
  details: FailureDetails = {},
  mask: readonly string[] = [],
): string {
  const lines = heading(target, true);
  const block = (info: string, body: readonly string[]): void => {
    // A fence inside the text would end the block early; a secret the log printed stays hidden.
    lines.push("```" + info, ...body.map((l) => hide(l, mask).replace(/```/g, "'''")), "```", "");
  };
  block(
    "text",
    failures.map((f) => `${f.annotation ? `${f.annotation.file}:${f.annotation.startLine}: ` : ""}${f.message}`),
  );
  const step = details.step;
  if (step) {
    lines.push(`Failed step: \`${escape(hide(step.name, mask)).replace(/`/g, "'")}\``, "");
    if (step.lastLines.length > 0) {
      lines.push(`Its last ${step.lastLines.length === 1 ? "line" : `${step.lastLines.length} lines`}:`, "");
      block("text", step.lastLines);
    }
  }
  const excerpt = details.excerpt;
  if (excerpt && excerpt.lines.length > 0) {
    const width = String(excerpt.lines.at(-1)?.line ?? 0).length;
    lines.push(`\`${escape(excerpt.file)}\`:`, "");
    block(
      "dockerfile",
      excerpt.lines.map((l) => `${l.failing ? ">>>" : "   "} ${String(l.line).padStart(width)} | ${l.text}`),
    );
  }
  return lines.join("\n");
}

/** `text` with each secret value replaced by `***`, longest first so a value inside another is not half-shown. */
function hide(text: string, mask: readonly string[]): string {
  let out = text;
  for (const v of [...mask].sort((a, b) => b.length - a.length)) if (v !== "") out = out.split(v).join("***");
  return out;
}
