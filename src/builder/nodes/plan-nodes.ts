import { BuildkitError, Code } from "../../buildkit/index.js";
import { platformKey } from "../../shared/platform.js";
import type { NodeSpec } from "../spec.js";

/** One solve of a per-platform build: the platforms it builds and where. */
export type NodePart =
  | { readonly kind: "default"; readonly platforms: readonly string[] }
  | { readonly kind: "node"; readonly endpoint: string; readonly platforms: readonly string[] };

export interface NodePlan {
  /** In the order of the first platform each builds; platforms inside a part in the requested order. */
  readonly parts: readonly NodePart[];
  /** Nodes none of whose platforms were requested (worth a notice: the input probably has a typo). */
  readonly unused: readonly NodeSpec[];
}

/**
 * Splits the requested platforms over the nodes: each node gets the requested platforms it lists, every other
 * platform goes to the default builder. A node with several of them builds them in one solve (shared stages are
 * built once), as buildx does. Without platforms the default builder builds its own. Pure.
 */
export function planNodes(platforms: readonly string[], nodes: readonly NodeSpec[]): NodePlan {
  const byPlatform = new Map<string, NodeSpec>();
  for (const node of nodes) {
    for (const p of node.platforms) {
      const key = platformKey(p);
      const other = byPlatform.get(key);
      if (other !== undefined && other !== node) {
        throw invalid(`nodes: ${p} is given to two nodes (${other.endpoint} and ${node.endpoint})`);
      }
      byPlatform.set(key, node);
    }
  }
  if (platforms.length === 0) return { parts: [{ kind: "default", platforms: [] }], unused: [...nodes] };

  // Keyed by endpoint, "" for the default builder; a Map keeps the order of first use.
  const groups = new Map<string, { readonly part: NodePart; readonly platforms: string[] }>();
  const used = new Set<NodeSpec>();
  for (const platform of platforms) {
    const node = byPlatform.get(platformKey(platform));
    if (node !== undefined) used.add(node);
    const key = node?.endpoint ?? "";
    let group = groups.get(key);
    if (group === undefined) {
      const list: string[] = [];
      const part: NodePart =
        node === undefined
          ? { kind: "default", platforms: list }
          : { kind: "node", endpoint: node.endpoint, platforms: list };
      group = { part, platforms: list };
      groups.set(key, group);
    }
    if (!group.platforms.includes(platform)) group.platforms.push(platform);
  }
  return { parts: [...groups.values()].map((g) => g.part), unused: nodes.filter((n) => !used.has(n)) };
}

/** "the default builder" or the node's address, for messages. */
export function describePart(part: NodePart): string {
  return part.kind === "default" ? "the default builder" : part.endpoint;
}

function invalid(message: string): BuildkitError {
  return new BuildkitError(message, Code.InvalidArgument);
}
