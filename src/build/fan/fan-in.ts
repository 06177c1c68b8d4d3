import { indexDigests, mergeIndex } from "../../builder/nodes/index.js";
import { formatReference, parseReference, pushIndex, type RegistryClient } from "../../registry/index.js";
import { verifyPush, type PushedImage } from "../verify-push.js";
import type { FoundPart } from "./select-parts.js";

export interface FanInOptions {
  /** Where the joined index goes; all in the repository the parts were pushed to. */
  readonly tags: readonly string[];
  readonly registry: RegistryClient;
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
  const index = mergeIndex(
    parts.map((p) => ({ node: p.source, platforms: Object.keys(p.record.digests), manifests: p.record.manifests })),
  );
  const byDigest = { registry: home.registry, repository: home.repository, digest: index.descriptor.digest };
  await pushIndex(options.registry, byDigest, index.index.manifests, call);
  options.log?.(`pushed index ${formatReference(byDigest)}`);
  const { digests, attestations } = indexDigests(index.index.manifests);
  const pushed = await verifyPush(
    options.registry,
    formatReference(byDigest),
    {
      platforms: Object.keys(digests),
      sbom: false,
      // Legs built with attestations must still carry them once joined.
      provenance: Object.keys(attestations).length > 0,
    },
    call,
  );
  for (const tag of tags) {
    await options.registry.putManifest(tag, index.bytes, index.descriptor.mediaType, call);
    options.log?.(`tagged ${formatReference(tag)}`);
  }
  const names = tags.map((t) => formatReference(t)).join(",");
  const metadata = {
    "containerimage.digest": pushed.digest,
    "containerimage.descriptor": index.descriptor,
    "image.name": names,
  };
  return {
    pushed,
    outputs: {
      digest: pushed.digest,
      digests: JSON.stringify(pushed.digests),
      imageid: "",
      metadata: JSON.stringify(metadata),
      attestations: JSON.stringify(pushed.attestations),
      buildinfo: JSON.stringify(pushed.buildinfo),
    },
  };
}
