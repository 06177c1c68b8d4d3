import type { BuildOutcome } from "./run-build.js";
import { formatTimeSaved, type TimeSaved } from "../progress/step-times.js";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const escape = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The job summary for one build, as Markdown: images, attestations, a per-step timeline, the cache hit rate and,
 * when earlier uncached runs measured some of the cached steps, the time they saved (`saved`, see applyStepTimes).
 */
export function renderSummary(outcome: BuildOutcome, options: { readonly saved?: TimeSaved | undefined } = {}): string {
  const lines: string[] = ["## Kiln build", ""];
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
  const { cached, total } = outcome.record.cacheStats();
  const rate = total === 0 ? "n/a" : `${Math.round((cached / total) * 100)}%`;
  lines.push(
    `Builder: ${outcome.builder.driver} (${escape(outcome.builder.endpoint)}), BuildKit ${outcome.builder.buildkitVersion || "unknown"}` +
      (outcome.builder.emulated.length > 0 ? `, emulated: ${outcome.builder.emulated.join(", ")}` : ""),
    "",
    `Cache: ${cached} of ${total} steps cached (${rate})${options.saved ? `, ${formatTimeSaved(options.saved)}` : ""}. ` +
      `Total time ${seconds(outcome.durationMs)}.`,
    "",
    "<details><summary>Steps</summary>",
    "",
    "| step | cached | time |",
    "|---|---|---|",
  );
  for (const step of outcome.record.list()) {
    const ms =
      step.startedMs !== undefined && step.completedMs !== undefined ? step.completedMs - step.startedMs : undefined;
    lines.push(`| ${escape(step.name)} | ${step.cached ? "yes" : ""} | ${ms === undefined ? "" : seconds(ms)} |`);
  }
  lines.push("", "</details>", "");
  return lines.join("\n");
}
