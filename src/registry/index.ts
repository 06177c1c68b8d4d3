// The registry client's public API: an OCI distribution client with docker's credential handling.
// Nothing here imports @actions/*; everything else in this folder is internal.

export { RegistryError, type RegistryErrorCode } from "./registry-error.js";
export {
  DOCKER_HUB,
  DOCKER_HUB_API_HOST,
  formatReference,
  parseReference,
  parseRepository,
  registryApiHost,
  type ImageReference,
  type Repository,
} from "./parse-reference.js";
export {
  ATTESTATION_MANIFEST_TYPE,
  ATTESTATION_REFERENCE_DIGEST_ANNOTATION,
  ATTESTATION_REFERENCE_TYPE_ANNOTATION,
  IN_TOTO_PREDICATE_TYPE_ANNOTATION,
  MANIFEST_ACCEPT,
  MediaType,
  isImageManifestMediaType,
  isIndexMediaType,
  type ImageManifestMediaType,
  type IndexMediaType,
} from "./media-types.js";
export type { Descriptor, ImageIndex, ImageManifest, InTotoStatement, Manifest, Platform } from "./oci-types.js";
export { sha256Digest, verifyDigest } from "./verify-digest.js";
export { parseManifest } from "./parse-manifest.js";
export { parseWwwAuthenticate, type AuthChallenge } from "./parse-www-authenticate.js";
export {
  hostConfigFor,
  isLoopbackHost,
  schemeFor,
  type RegistryHostConfig,
  type RegistryHosts,
  type Scheme,
} from "./scheme-for.js";
export {
  dockerConfigPath,
  readDockerConfig,
  toDockerConfig,
  type DockerAuthEntry,
  type DockerConfig,
} from "./docker-config.js";
export {
  DOCKER_HUB_CONFIG_KEY,
  credentialServerUrl,
  credentialsFor,
  normalizeRegistryHost,
  type CredentialSource,
  type Credentials,
  type ExplicitCredential,
} from "./credentials-for.js";
export { runCredentialHelper, type RunCredentialHelperOptions } from "./run-credential-helper.js";
export {
  dockerCredentialStore,
  type CredentialStore,
  type DockerCredentialStoreOptions,
} from "./docker-credential-store.js";
export {
  REGISTRY_CLIENT_DEFAULTS,
  RegistryClient,
  type BlobPushResult,
  type CallOptions,
  type FetchedManifest,
  type RegistryClientOptions,
} from "./registry-client.js";
export {
  describeIndex,
  isAttestationDescriptor,
  readImageIndex,
  type AttestationManifest,
  type ImageIndexView,
  type PlatformManifest,
} from "./read-image-index.js";
export { parseInTotoStatement, readAttestationLayers, type AttestationLayer } from "./read-attestations.js";
export { assembleIndex, type AssembledIndex, type AssembleIndexOptions } from "./assemble-index.js";
export { pushIndex } from "./push-index.js";
