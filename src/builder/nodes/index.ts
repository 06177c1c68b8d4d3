// Per-platform BuildKit nodes: plan which builder builds which platforms, build the parts in parallel pushed by
// digest, merge them into one index and tag it.
export { describePart, planNodes, type NodePart, type NodePlan } from "./plan-nodes.js";
export { indexDigests, mergeIndex, type MergeIndexOptions, type PushedPart } from "./merge-index.js";
export {
  buildOnNodes,
  exportedDescriptor,
  type BuildOnNodesOptions,
  type NodePartResult,
  type NodesBuildResult,
} from "./build-on-nodes.js";
export { connectNodes, type NodeClients } from "./connect-nodes.js";
