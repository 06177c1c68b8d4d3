import { isIP } from "node:net";
import { InputError } from "../input-error.js";
import { parseList } from "../values/parse-list.js";

export type NetworkMode = "default" | "none" | "host";
/** Privileges a build may ask for (moby/buildkit util/entitlements); the daemon must allow them too. */
export type Entitlement = "network.host" | "security.insecure";

/**
 * `network`: the network mode for RUN instructions, `default` when empty. `host` needs the `network.host`
 * entitlement, which is then requested without being listed in `allow` (as buildx does).
 */
export function parseNetwork(input: string, name = "network"): NetworkMode {
  const v = input.trim();
  if (v === "" || v === "default") return "default";
  if (v === "none" || v === "host") return v;
  throw InputError.expected(name, "default, none or host", v);
}

/** `allow`: entitlements, comma or newline separated. */
export function parseEntitlements(input: string, name = "allow"): Entitlement[] {
  const out: Entitlement[] = [];
  for (const item of parseList(input, name)) {
    if (item !== "network.host" && item !== "security.insecure") {
      throw InputError.expected(name, "network.host or security.insecure", item);
    }
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** One `/etc/hosts` entry for RUN containers. `host-gateway` is the builder's gateway to its host. */
export interface HostEntry {
  readonly host: string;
  readonly ip: string;
}

const EXPECTED = 'items like "host:10.0.0.1" or "host=10.0.0.1"';

/**
 * `add-hosts`: `host:ip` or `host=ip` items, comma or newline separated; IPv6 addresses may be in brackets
 * (docker/buildx build/utils.go toBuildkitExtraHosts). `host-gateway` is kept for the builder to resolve.
 */
export function parseAddHosts(input: string, name = "add-hosts"): HostEntry[] {
  return parseList(input, name).map((item) => {
    let sep = item.indexOf("=");
    if (sep === -1) sep = item.indexOf(":");
    const host = sep === -1 ? "" : item.slice(0, sep).trim();
    let ip = sep === -1 ? "" : item.slice(sep + 1).trim();
    if (ip.length > 2 && ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
    if (host === "" || /[\s,=]/.test(host) || (ip !== "host-gateway" && isIP(ip) === 0)) {
      throw InputError.expected(name, EXPECTED, item);
    }
    return { host, ip };
  });
}
