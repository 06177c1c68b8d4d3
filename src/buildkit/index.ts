export { BuildkitClient } from "./client.js";
export type {
  Options,
  BuildkitInfo,
  WorkerInfo,
  UsageInfo,
  PruneOptions,
  SolveOptions,
  SolveCallOptions,
  SolveResult,
  BuildRecord,
} from "./client.js";
export { BuildkitError, Code, type SourceLocation } from "./errors.js";
export {
  describeEndpoint,
  parseAddress,
  type Endpoint,
  type Dial,
  type SessionDial,
  type SessionHeaders,
  type TlsOptions,
} from "./endpoint.js";
export type { Attachable } from "./attachable.js";
export { auth, type CredentialProvider, type RegistryCredentials } from "./auth.js";
export { secrets, type SecretSource } from "./secrets.js";
export { imageExporter, type Exporter, type ImageExportOptions } from "./exporter.js";
export {
  dockerfileFrontendAttrs,
  localContext,
  localDockerfile,
  type DockerfileOptions,
  type SbomOptions,
  type ProvenanceOptions,
} from "./dockerfile-frontend.js";
export type { CacheEntry, SolveDefinition } from "./solve-request.js";
export type { SolveStatus, VertexUpdate, VertexProgress, VertexLogLine, VertexWarning } from "./solve-status.js";
export type { FileSyncTransfer } from "./file-sync.js";
export { sshAgents } from "./ssh-forward.js";
export type { LocalCacheExport } from "./oci-layout-cache.js";
export type { OciDescriptor, OciIndex } from "./oci-layout.js";
