import { BuildkitError, Code } from "../../buildkit/index.js";
import {
  ATTESTATION_REFERENCE_DIGEST_ANNOTATION,
  assembleIndex,
  isAttestationDescriptor,
  type AssembledIndex,
  type Descriptor,
} from "../../registry/index.js";
import { formatPlatform, platformKey } from "../../shared/platform.js";

/** What one solve pushed by digest, as read back from the registry. */
export interface PushedPart {
  /** Where it was built, for messages: "the default builder", "tcp://arm-builder:1234". */
  readonly node: string;
  /** The platforms it was asked for; empty means the builder's own platform. */
  readonly platforms: readonly string[];
  /**
   * Its manifests: the `manifests` of the index it pushed (BuildKit pushes an index whenever there are
   * attestations, even for one platform), or its one image manifest's descriptor, with `platform`.
   */
  readonly manifests: readonly Descriptor[];
}

export interface MergeIndexOptions {
  /** Index-level annotations (`annotation-index.*` of a single-daemon build). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Merges per-node results into one image index laid out as BuildKit lays out a multi-platform build: every
 * platform image in part order (the requested order when the parts come from {@link planNodes}), then every
 * attestation manifest in the order of the image it refers to, descriptors copied as the nodes pushed them
 * (`vnd.docker.reference.type`/`.digest` annotations, `unknown/unknown` platform). Checks that each part built
 * exactly the platforms it was asked for, that no platform comes from two parts, and that each attestation
 * refers to an image of its own part. Pure.
 */
export function mergeIndex(parts: readonly PushedPart[], options: MergeIndexOptions = {}): AssembledIndex {
  if (parts.length === 0) throw failure("no parts");
  const images: Descriptor[] = [];
  const attestations = new Map<string, Descriptor[]>();
  const from = new Map<string, string>();
  for (const part of parts) {
    const own = part.manifests.filter((d) => !isAttestationDescriptor(d));
    const asked = new Set(part.platforms.map(platformKey));
    const built = new Map<string, Descriptor>();
    for (const image of own) {
      if (image.platform === undefined) {
        throw failure(`${part.node} pushed manifest ${image.digest} without a platform`);
      }
      const platform = formatPlatform(image.platform);
      const key = platformKey(platform);
      if (asked.size > 0 && !asked.has(key)) {
        throw failure(`${part.node} built ${platform}, but was asked for ${part.platforms.join(", ")}`);
      }
      if (built.has(key)) throw failure(`${part.node} pushed two manifests for ${platform}`);
      const other = from.get(key);
      if (other !== undefined) throw failure(`${platform} was built twice, by ${other} and by ${part.node}`);
      built.set(key, image);
      from.set(key, part.node);
    }
    for (const platform of part.platforms) {
      if (!built.has(platformKey(platform))) throw failure(`${part.node} pushed no manifest for ${platform}`);
    }
    if (own.length === 0) throw failure(`${part.node} pushed no image manifest`);
    // Images in the order the part was asked for them (BuildKit keeps that order too).
    const order = part.platforms.map(platformKey);
    const rank = (d: Descriptor): number => {
      const i = order.indexOf(platformKey(formatPlatform(d.platform!)));
      return i < 0 ? order.length : i;
    };
    images.push(...[...own].sort((a, b) => rank(a) - rank(b)));

    const digests = new Set(own.map((d) => d.digest));
    for (const attestation of part.manifests.filter(isAttestationDescriptor)) {
      const subject = attestation.annotations?.[ATTESTATION_REFERENCE_DIGEST_ANNOTATION];
      if (subject === undefined || !digests.has(subject)) {
        throw failure(
          `${part.node} pushed attestation manifest ${attestation.digest} for ${subject ?? "no image"}, which it did not build`,
        );
      }
      attestations.set(subject, [...(attestations.get(subject) ?? []), attestation]);
    }
  }
  const ordered = [...images, ...images.flatMap((image) => attestations.get(image.digest) ?? [])];
  try {
    return assembleIndex(ordered, options.annotations === undefined ? {} : { annotations: options.annotations });
  } catch (cause) {
    throw failure((cause as Error).message, cause);
  }
}

/** Platform -> image manifest digest, and platform -> attestation manifest digest, of a merged index. */
export function indexDigests(manifests: readonly Descriptor[]): {
  readonly digests: Record<string, string>;
  readonly attestations: Record<string, string>;
} {
  const digests: Record<string, string> = {};
  const attestations: Record<string, string> = {};
  const platformOf = new Map<string, string>();
  for (const d of manifests) {
    if (isAttestationDescriptor(d) || d.platform === undefined) continue;
    const platform = formatPlatform(d.platform);
    digests[platform] = d.digest;
    platformOf.set(d.digest, platform);
  }
  for (const d of manifests) {
    const subject = d.annotations?.[ATTESTATION_REFERENCE_DIGEST_ANNOTATION];
    const platform = subject === undefined ? undefined : platformOf.get(subject);
    if (isAttestationDescriptor(d) && platform !== undefined) attestations[platform] = d.digest;
  }
  return { digests, attestations };
}

function failure(reason: string, cause?: unknown): BuildkitError {
  return new BuildkitError(
    `failed to merge per-platform results into one index: ${reason}`,
    Code.Internal,
    cause === undefined ? {} : { cause },
  );
}
