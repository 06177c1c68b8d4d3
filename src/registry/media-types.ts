// Media types from opencontainers/image-spec v1.1 (specs-go/v1/mediatype.go) and
// distribution/distribution v2.8 (manifest/schema2, manifest/manifestlist).

export const MediaType = Object.freeze({
  OciIndex: "application/vnd.oci.image.index.v1+json",
  OciManifest: "application/vnd.oci.image.manifest.v1+json",
  OciConfig: "application/vnd.oci.image.config.v1+json",
  OciLayer: "application/vnd.oci.image.layer.v1.tar",
  OciLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  OciEmpty: "application/vnd.oci.empty.v1+json",
  DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  DockerConfig: "application/vnd.docker.container.image.v1+json",
  DockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  /** Layers of BuildKit's attestation manifests (moby/buildkit v0.13 exporter/containerimage/attestations.go). */
  InToto: "application/vnd.in-toto+json",
} as const);

export type IndexMediaType = typeof MediaType.OciIndex | typeof MediaType.DockerManifestList;
export type ImageManifestMediaType = typeof MediaType.OciManifest | typeof MediaType.DockerManifest;

/** What `getManifest` asks for unless told otherwise: every index and image manifest type we can read. */
export const MANIFEST_ACCEPT: readonly string[] = Object.freeze([
  MediaType.OciIndex,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.DockerManifest,
]);

export function isIndexMediaType(mediaType: string): mediaType is IndexMediaType {
  return mediaType === MediaType.OciIndex || mediaType === MediaType.DockerManifestList;
}

export function isImageManifestMediaType(mediaType: string): mediaType is ImageManifestMediaType {
  return mediaType === MediaType.OciManifest || mediaType === MediaType.DockerManifest;
}

// Annotations BuildKit puts on attestation manifest descriptors inside an image index
// (moby/buildkit v0.13 exporter/containerimage/attestations.go, docs/attestations/attestation-storage.md).
export const ATTESTATION_REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";
export const ATTESTATION_REFERENCE_DIGEST_ANNOTATION = "vnd.docker.reference.digest";
export const ATTESTATION_MANIFEST_TYPE = "attestation-manifest";
/** Layer annotation naming an in-toto statement's predicate type. */
export const IN_TOTO_PREDICATE_TYPE_ANNOTATION = "in-toto.io/predicate-type";
