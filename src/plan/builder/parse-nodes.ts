import type { NodeSpec } from "../../builder/spec.js";
import { normalizePlatform } from "../../shared/platform.js";
import { InputError } from "../input-error.js";

const NAME = "nodes";
const EXPECTED = 'lines like "linux/arm64=tcp://arm-builder:1234"';

/**
 * The `nodes` input: one node per line (blank lines and `#` comments skipped), `platforms=endpoint`, platforms
 * comma-separated and normalised like `platforms` (so `linux/i386` here routes `linux/386` there). A platform may
 * name one node only. Endpoints must be tcp:// or unix://.
 */
export function parseNodes(input: string): NodeSpec[] {
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
      throw InputError.expected(NAME, EXPECTED, line);
    }
    const platforms: string[] = [];
    for (const item of items) {
      const platform = normalizePlatform(item);
      if (platform === undefined) {
        throw new InputError(NAME, `"${item}" is not a platform (os/arch[/variant]) in "${line}"`);
      }
      const other = owner.get(platform);
      if (other !== undefined) {
        throw new InputError(
          NAME,
          `${platform} is given to two nodes (${other} and ${endpoint}); give each platform one node`,
        );
      }
      owner.set(platform, endpoint);
      if (!platforms.includes(platform)) platforms.push(platform);
    }
    nodes.push({ platforms, endpoint });
  }
  return nodes;
}
