import {
  ATTESTATION_MANIFEST_TYPE,
  ATTESTATION_REFERENCE_DIGEST_ANNOTATION,
  ATTESTATION_REFERENCE_TYPE_ANNOTATION,
  type IndexMediaType,
} from "./media-types.js";
import type { Descriptor, ImageIndex, Platform } from "./oci-types.js";
import { formatReference, parseReference, type ImageReference } from "./parse-reference.js";
import type { CallOptions, RegistryClient } from "./registry-client.js";
import { RegistryError } from "./registry-error.js";

/** One image of a multi-platform index. */
export interface PlatformManifest {
  readonly platform: Platform;
  readonly descriptor: Descriptor;
  /** The attestation manifest BuildKit attached to this image, if any. */
  readonly attestation?: Descriptor;
}

/** An attestation manifest of an index and the image manifest it is about. */
export interface AttestationManifest {
  readonly descriptor: Descriptor;
  /** Digest of the platform manifest it attests (`vnd.docker.reference.digest`). */
  readonly subjectDigest: string;
}

/** An image index with its manifests sorted into platform images and attestations. */
export interface ImageIndexView {
  readonly reference: ImageReference;
  readonly digest: string;
  readonly mediaType: IndexMediaType;
  /** The index exactly as the registry holds it. */
  readonly bytes: Buffer;
  readonly index: ImageIndex;
  /** Image manifests with a platform, in index order. */
  readonly manifests: readonly PlatformManifest[];
  readonly attestations: readonly AttestationManifest[];
}

/** True for BuildKit's attestation manifest descriptors (`vnd.docker.reference.type: attestation-manifest`). */
export function isAttestationDescriptor(descriptor: Descriptor): boolean {
  return descriptor.annotations?.[ATTESTATION_REFERENCE_TYPE_ANNOTATION] === ATTESTATION_MANIFEST_TYPE;
}

/**
 * Splits an index's descriptors into platform images and attestation manifests (BuildKit's layout,
 * moby/buildkit docs/attestations/attestation-storage.md). Pure.
 */
export function describeIndex(index: ImageIndex): Pick<ImageIndexView, "manifests" | "attestations"> {
  const attestations: AttestationManifest[] = [];
  for (const descriptor of index.manifests) {
    const subjectDigest = descriptor.annotations?.[ATTESTATION_REFERENCE_DIGEST_ANNOTATION];
    if (isAttestationDescriptor(descriptor) && subjectDigest !== undefined) {
      attestations.push({ descriptor, subjectDigest });
    }
  }
  const manifests: PlatformManifest[] = [];
  for (const descriptor of index.manifests) {
    if (isAttestationDescriptor(descriptor) || descriptor.platform === undefined) continue;
    const attestation = attestations.find((a) => a.subjectDigest === descriptor.digest)?.descriptor;
    manifests.push({
      platform: descriptor.platform,
      descriptor,
      ...(attestation === undefined ? {} : { attestation }),
    });
  }
  return { manifests, attestations };
}

/**
 * Reads an image index and sorts its manifests into platform images and attestation manifests.
 * A reference to a single image manifest is `invalid`: there is no index to read.
 */
export async function readImageIndex(
  client: RegistryClient,
  ref: ImageReference | string,
  options: CallOptions = {},
): Promise<ImageIndexView> {
  const reference = typeof ref === "string" ? parseReference(ref) : ref;
  const manifest = await client.getManifest(reference, options);
  if (manifest.kind !== "index") {
    throw new RegistryError(
      `failed to read image index ${formatReference(reference)}: it is a single image manifest (${manifest.mediaType}), not an index`,
      "invalid",
    );
  }
  return {
    reference,
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    bytes: manifest.bytes,
    index: manifest.json,
    ...describeIndex(manifest.json),
  };
}
