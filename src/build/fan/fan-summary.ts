import type { FanInResult } from "./fan-in.js";
import type { FoundPart } from "./select-parts.js";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const escape = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The fan-in job's summary, as Markdown: the joined index and its tags, then one row per platform rolling up the
 * leg that built it (runner, native or emulated, duration, cached steps, image and attestation digests). Pure.
 */
export function renderFanInSummary(parts: readonly FoundPart[], result: FanInResult, tags: readonly string[]): string {
  const lines = [
    "## Kiln fan-in",
    "",
    `Index \`${result.pushed.digest}\`, tagged ${tags.map((t) => `\`${escape(t)}\``).join(", ")}`,
    "",
    "| platform | runner | build | leg time | cached steps | image manifest | attestations |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const { record } of parts) {
    for (const platform of Object.keys(record.digests)) {
      const emulated = record.builder.emulated.includes(platform);
      const attestation = result.pushed.attestations[platform];
      lines.push(
        `| ${platform} | ${escape(`${record.runner.name} (${record.runner.os}/${record.runner.arch})`)} | ` +
          `${emulated ? "emulated (QEMU)" : "native"} | ${seconds(record.durationMs)} | ` +
          `${record.cacheStats.cached}/${record.cacheStats.total} | \`${result.pushed.digests[platform] ?? record.digests[platform]}\` | ` +
          `${attestation ? `\`${attestation}\`` : "none"} |`,
      );
    }
  }
  lines.push("");
  return lines.join("\n");
}
