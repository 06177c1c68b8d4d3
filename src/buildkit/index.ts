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
  SubrequestOptions,
  HistoryRecord,
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
} from "./transport/endpoint.js";
export type { Attachable } from "./session/attachable.js";
export {
  auth,
  secrets,
  sshAgents,
  type CredentialProvider,
  type RegistryCredentials,
  type SecretSource,
} from "./session/services.js";
export { imageExporter, type Exporter, type ImageExportOptions } from "./solve/exporter.js";
export {
  dockerfileFrontendAttrs,
  localContext,
  localDockerfile,
  type DockerfileOptions,
  type SbomOptions,
  type ProvenanceOptions,
} from "./solve/dockerfile-frontend.js";
export type { CacheEntry, SolveDefinition } from "./solve/solve-request.js";
export type { SolveStatus, VertexUpdate, VertexProgress, VertexLogLine, VertexWarning } from "./solve/solve-status.js";
export type { CheckResult, CheckFinding, CheckLocation } from "./gateway/lint-result.js";
export { decodeCallDocument, type CallDocument } from "./gateway/call-document.js";
export { OUTLINE, renderOutline, type Outline } from "./gateway/outline-result.js";
export { TARGETS, renderTargets, type Target } from "./gateway/targets-result.js";
export type { FileSyncTransfer } from "./file-sync/file-sync.js";
export type { LocalCacheExport } from "./content-store/oci-layout-cache.js";
export type { OciDescriptor, OciIndex } from "./content-store/oci-layout.js";
