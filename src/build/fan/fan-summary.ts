import type { FanInResult } from "./fan-in.js";
import type { PartRecord } from "./part-record.js";
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

/** A fan-out leg's summary: what it pushed by digest and where its part went; the fan-in's summary has the rest. */
export function renderLegSummary(record: PartRecord, handedOver: string): string {
  const { cached, total } = record.cacheStats;
  const lines = ["## Kiln fan-out leg", ""];
  for (const [platform, digest] of Object.entries(record.digests)) {
    const how = record.builder.emulated.includes(platform) ? "built under QEMU" : "built natively";
    lines.push(`- ${platform}, ${how}: \`${digest}\` in ${escape(record.image)}, no tag moved`);
  }
  lines.push(
    "",
    `${seconds(record.durationMs)}, ${cached}/${total} steps cached. Part handed over as \`${escape(handedOver)}\` for the fan-in.`,
    "",
  );
  return lines.join("\n");
}
