import type { BuildOutcome } from "./run-build.js";
import type { TimeSaved } from "../progress/step-times.js";

/**
 * The step's outputs, as strings, from a finished build. Pure. `saved` is the time the cached steps saved, when
 * earlier uncached runs measured them (see applyStepTimes).
 */
export function toOutputs(
  outcome: BuildOutcome,
  options: { readonly saved?: TimeSaved | undefined } = {},
): Record<string, string> {
  const response = outcome.exporterResponse;
  const metadata: Record<string, unknown> = { ...response };
  const descriptor = response["containerimage.descriptor"];
  if (descriptor) {
    // buildx's metadata file carries the descriptor as JSON; the daemon sends it base64-encoded.
    try {
      metadata["containerimage.descriptor"] = JSON.parse(Buffer.from(descriptor, "base64").toString("utf8"));
    } catch {
      metadata["containerimage.descriptor"] = descriptor;
    }
  }
  // A call's answer (outline, targets) is JSON already; buildx's metadata file holds it parsed.
  const answer = response["result.json"];
  if (answer) {
    try {
      metadata["result.json"] = JSON.parse(answer);
    } catch {
      metadata["result.json"] = answer;
    }
  }
  const pushed = outcome.pushed;
  return {
    digest: pushed?.digest ?? response["containerimage.digest"] ?? "",
    digests: JSON.stringify(pushed?.digests ?? {}),
    // buildx's fallback: a multi-platform build has no one config, so its image ID is the index digest.
    imageid: response["containerimage.config.digest"] || response["containerimage.digest"] || "",
    metadata: JSON.stringify(metadata),
    attestations: JSON.stringify(pushed?.attestations ?? {}),
    buildinfo: JSON.stringify(pushed?.buildinfo ?? {}),
    builder: JSON.stringify(outcome.builder),
    "cache-stats": JSON.stringify({
      ...outcome.record.cacheStats(),
      ...(options.saved ? { savedMs: options.saved.savedMs } : {}),
    }),
  };
}
