import { indexDigests, mergeIndex } from "../../builder/nodes/index.js";
import { formatReference, parseReference, pushIndex, type RegistryClient } from "../../registry/index.js";
import { verifyPush, type PushedImage } from "../verify-push.js";
import type { FanInAnnotations } from "./fan-in-annotations.js";
import type { FoundPart } from "./select-parts.js";

export interface FanInOptions {
  /** Where the joined index goes; all in the repository the parts were pushed to. */
  readonly tags: readonly string[];
  readonly registry: RegistryClient;
  /** Index-level annotations for the joined index (the legs' manifests keep their own). */
  readonly annotations?: FanInAnnotations;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export interface FanInResult {
  readonly pushed: PushedImage;
  /** The step outputs, as strings, with the keys of a single build's. */
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * Joins parts already chosen by {@link selectParts} into one index laid out as a multi-platform solve lays it out
 * (every platform image, then every attestation manifest), pushes it by digest (the registry must hold every
 * manifest first), reads it back by digest and verifies each platform's attestations, and only then puts it under
 * the tags. A failure before the last step moves no tag.
 */
export async function fanIn(parts: readonly FoundPart[], options: FanInOptions): Promise<FanInResult> {
  const call = options.signal ? { signal: options.signal } : {};
  const tags = options.tags.map((t) => parseReference(t));
  const home = tags[0]!;
  const indexAnnotations = options.annotations?.index ?? {};
  const annotated = Object.keys(indexAnnotations).length > 0 ? { annotations: indexAnnotations } : {};
  const index = mergeIndex(
    parts.map((p) => ({ node: p.source, platforms: Object.keys(p.record.digests), manifests: p.record.manifests })),
    annotated,
  );
  const byDigest = { registry: home.registry, repository: home.repository, digest: index.descriptor.digest };
  await pushIndex(options.registry, byDigest, index.index.manifests, { ...call, ...annotated });
  options.log?.(`pushed index ${formatReference(byDigest)}`);
  const { digests } = indexDigests(index.index.manifests);
  // Legs' attestations must still be there once joined, each statement naming its platform's manifest.
  const pushed = await verifyPush(
    options.registry,
    formatReference(byDigest),
    { platforms: Object.keys(digests), ...expectedStatements(parts) },
    call,
  );
  for (const tag of tags) {
    await options.registry.putManifest(tag, index.bytes, index.descriptor.mediaType, call);
    options.log?.(`tagged ${formatReference(tag)}`);
  }
  const names = tags.map((t) => formatReference(t)).join(",");
  // As BuildKit's image exporter reports it: index-descriptor annotations go on the descriptor it returns.
  const descriptorAnnotations = options.annotations?.indexDescriptor ?? {};
  const metadata = {
    "containerimage.digest": pushed.digest,
    "containerimage.descriptor":
      Object.keys(descriptorAnnotations).length > 0
        ? { ...index.descriptor, annotations: { ...descriptorAnnotations } }
        : index.descriptor,
    "image.name": names,
  };
  return {
    pushed,
    outputs: {
      digest: pushed.digest,
      digests: JSON.stringify(pushed.digests),
      // buildx's fallback for a multi-platform image, which has no one config: the index digest.
      imageid: pushed.digest,
      metadata: JSON.stringify(metadata),
      attestations: JSON.stringify(pushed.attestations),
      buildinfo: JSON.stringify(pushed.buildinfo),
    },
  };
}

/**
 * The statements every platform's attestation manifest must carry: what any leg recorded (`attested`); a record
 * without it (an older Kiln) makes the fan-in expect provenance when the part lists attestation manifests.
 */
function expectedStatements(parts: readonly FoundPart[]): { sbom: boolean; provenance: boolean } {
  const claims = parts.map(
    ({ record }) => record.attested ?? { sbom: false, provenance: Object.keys(record.attestations).length > 0 },
  );
  return { sbom: claims.some((c) => c.sbom), provenance: claims.some((c) => c.provenance) };
}
