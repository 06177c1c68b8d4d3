import { BuildkitError, Code } from "../../buildkit/index.js";

/** One line of the `nodes` input: the platforms a BuildKit node builds, and its address. */
export interface NodeSpec {
  /** Normalised "os/arch[/variant]" each. */
  readonly platforms: readonly string[];
  /** "tcp://host:port" or "unix:///path" as written; the caller turns it into an Endpoint (TLS and all). */
  readonly endpoint: string;
}

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

const EXPECTED = 'lines like "linux/arm64=tcp://arm-builder:1234"';

/**
 * Parses the `nodes` input: one node per line (blank lines and `#` comments skipped), `platforms=endpoint`,
 * platforms comma-separated. A platform may name one node only. Endpoints must be tcp:// or unix://.
 * `normalizePlatform` defaults to containerd's common aliases (the action passes its own, fuller one);
 * it returns undefined for a string that is no platform.
 */
export function parseNodes(
  input: string,
  options: { readonly normalizePlatform?: (platform: string) => string | undefined } = {},
): NodeSpec[] {
  const normalize = options.normalizePlatform ?? normalizePlatform;
  const nodes: NodeSpec[] = [];
  const owner = new Map<string, string>();
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const endpoint = eq < 0 ? "" : line.slice(eq + 1).trim();
    const items =
      eq < 0
        ? []
        : line
            .slice(0, eq)
            .split(",")
            .map((p) => p.trim());
    if (items.length === 0 || items.some((p) => p === "") || !/^(tcp:\/\/[^/]+:\d+|unix:\/\/.+)$/.test(endpoint)) {
      throw invalid(`nodes: expected ${EXPECTED}, got "${line}"`);
    }
    const platforms: string[] = [];
    for (const item of items) {
      const platform = normalize(item);
      if (platform === undefined) throw invalid(`nodes: "${item}" is not a platform (os/arch[/variant]) in "${line}"`);
      const other = owner.get(platform);
      if (other !== undefined) {
        throw invalid(
          `nodes: ${platform} is given to two nodes (${other} and ${endpoint}); give each platform one node`,
        );
      }
      owner.set(platform, endpoint);
      if (!platforms.includes(platform)) platforms.push(platform);
    }
    nodes.push({ platforms, endpoint });
  }
  return nodes;
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

/**
 * The common platform aliases containerd's `platforms.Normalize` resolves (containerd/platforms database.go):
 * enough to match a node's platform to a requested one. Returns undefined for anything not `os/arch[/variant]`.
 */
export function normalizePlatform(input: string): string | undefined {
  const parts = input.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9._-]+$/.test(p))) return undefined;
  const [os = "", rawArch = "", rawVariant = ""] = parts;
  let arch = rawArch;
  let variant = rawVariant;
  if (arch === "x86_64" || arch === "x86-64") arch = "amd64";
  if (arch === "aarch64") arch = "arm64";
  if (arch === "amd64" && variant === "v1") variant = "";
  if (arch === "arm64" && (variant === "v8" || variant === "8")) variant = "";
  if (arch === "arm" && (variant === "" || variant === "7")) variant = "v7";
  return variant === "" ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}

/** Comparison key of a platform: normalised when possible, else as written. */
export function platformKey(platform: string): string {
  return normalizePlatform(platform) ?? platform;
}

function invalid(message: string): BuildkitError {
  return new BuildkitError(message, Code.InvalidArgument);
}
