import { ATTESTATION_REFERENCE_DIGEST_ANNOTATION, MediaType, isIndexMediaType } from "./media-types.js";
import type { Descriptor, ImageIndex } from "./oci-types.js";
import { checkDescriptor } from "./parse-manifest.js";
import { isAttestationDescriptor } from "./read-image-index.js";
import { RegistryError } from "./registry-error.js";
import { sha256Digest } from "./verify-digest.js";

/** An index ready to push: its JSON, its exact bytes and the descriptor that points at them. */
export interface AssembledIndex {
  readonly index: ImageIndex;
  readonly bytes: Buffer;
  readonly descriptor: Descriptor;
}

export interface AssembleIndexOptions {
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Builds an OCI image index from manifest descriptors, in the given order (BuildKit puts platform images
 * first, then their attestation manifests). Platform images must carry `platform`; an attestation manifest's
 * `vnd.docker.reference.digest` must name one of the images; digests must be unique. Pure.
 */
export function assembleIndex(manifests: readonly Descriptor[], options: AssembleIndexOptions = {}): AssembledIndex {
  const fail = (reason: string): never => {
    throw new RegistryError(`failed to assemble image index: ${reason}`, "invalid");
  };
  if (manifests.length === 0) fail("no manifests");
  const digests = new Set<string>();
  manifests.forEach((d, i) => {
    try {
      checkDescriptor(d, `manifests[${i}]`);
    } catch (err: unknown) {
      fail((err as Error).message);
    }
    if (digests.has(d.digest)) fail(`manifest ${d.digest} is listed twice`);
    if (isIndexMediaType(d.mediaType)) fail(`manifests[${i}] is an index; nested indexes are not assembled`);
    digests.add(d.digest);
  });
  for (const d of manifests) {
    if (isAttestationDescriptor(d)) {
      const subject = d.annotations?.[ATTESTATION_REFERENCE_DIGEST_ANNOTATION];
      if (subject === undefined || !digests.has(subject)) {
        fail(`attestation manifest ${d.digest} refers to ${subject ?? "nothing"}, which is not in the index`);
      }
    } else if (d.platform === undefined) {
      fail(`manifest ${d.digest} has no platform`);
    }
  }
  const index: ImageIndex = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: manifests.map(copyDescriptor),
    ...(options.annotations === undefined ? {} : { annotations: { ...options.annotations } }),
  };
  const bytes = Buffer.from(JSON.stringify(index));
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256Digest(bytes), size: bytes.byteLength },
  };
}

/** Keeps the descriptor fields in the spec's order, so equal inputs give equal bytes. */
function copyDescriptor(d: Descriptor): Descriptor {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(d.artifactType === undefined ? {} : { artifactType: d.artifactType }),
    ...(d.urls === undefined ? {} : { urls: [...d.urls] }),
    ...(d.annotations === undefined ? {} : { annotations: { ...d.annotations } }),
    ...(d.platform === undefined ? {} : { platform: { ...d.platform } }),
  };
}
