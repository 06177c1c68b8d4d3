// Builders: a BuilderSpec (+ platforms) -> a connected BuildKit client. Drivers: docker (the Engine's embedded
// BuildKit), docker-container (a BuildKit container Kiln bootstraps), remote (unix/tcp with TLS); per-platform
// nodes; QEMU binfmt handlers for emulated platforms.
export type { BuilderSpec, Driver, NodeSpec } from "./spec.js";
export { openBuilder, type BuilderReport, type OpenBuilder, type OpenBuilderOptions } from "./open-builder.js";
export { DEFAULT_BUILDKIT_IMAGE, removeBuilder } from "./docker-container/index.js";
export {
  buildOnNodes,
  connectNodes,
  describePart,
  planNodes,
  type NodeClients,
  type NodePart,
  type NodePlan,
} from "./nodes/index.js";
export { Preconnection, type Preconnected } from "./preconnect.js";
