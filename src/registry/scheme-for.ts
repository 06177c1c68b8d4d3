import { BlockList, isIP } from "node:net";

export type Scheme = "http" | "https";

/** How to reach one registry host. Keys of {@link RegistryHosts} are API hosts `host[:port]` (Docker Hub: `registry-1.docker.io`), or a bare host for all ports. */
export interface RegistryHostConfig {
  /** Force a scheme. Unset: https, except loopback hosts (http) and hosts with `caPem` (https). */
  readonly scheme?: Scheme;
  /** PEM certificate(s) trusted for this host's TLS in addition to Node's bundled roots (like docker's certs.d). */
  readonly caPem?: string;
  /**
   * BuildKit's `http = true` + `insecure = true` (the `insecure-registries` input): the host speaks TLS with a
   * certificate nobody vouches for, or plain HTTP. Unless `scheme` is set, the transport asks it once which.
   */
  readonly insecure?: boolean;
}

export type RegistryHosts = Readonly<Record<string, RegistryHostConfig>>;

// Docker treats loopback registries as insecure (docker/docker registry/config.go newServiceConfig adds
// 127.0.0.0/8 and ::1/128 to the insecure CIDRs); containerd's docker resolver speaks plain http to
// localhost (remotes/docker/config/hosts.go MatchLocalhost). We do the same without Docker's
// "try https first" fallback: a registry that wants TLS on loopback says so with `scheme` or `caPem`.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Splits `host[:port]` (IPv6 in brackets) into the host name without brackets and the port. */
export function splitHostPort(host: string): { hostname: string; port?: string } {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    const port = host.slice(end + 1).replace(/^:/, "");
    return { hostname: host.slice(1, end), ...(port === "" ? {} : { port }) };
  }
  // A bare IPv6 address (no port) has two colons at least; isIP's IPv6 check is costly on its first call.
  if (host.indexOf(":") !== host.lastIndexOf(":") && isIP(host) === 6) return { hostname: host };
  const colon = host.lastIndexOf(":");
  return colon === -1 ? { hostname: host } : { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** True for `localhost`, `127.0.0.0/8` and `::1`, with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const { hostname } = splitHostPort(host);
  if (hostname.toLowerCase() === "localhost") return true;
  const family = isIP(hostname);
  return family !== 0 && LOOPBACK.check(hostname, family === 4 ? "ipv4" : "ipv6");
}

/** The settings for `host[:port]`: an exact key wins over a bare host name key. */
export function hostConfigFor(host: string, hosts: RegistryHosts = {}): RegistryHostConfig {
  return hosts[host] ?? hosts[splitHostPort(host).hostname] ?? {};
}

/** Which scheme to speak to `host` (an API host with optional port), see {@link RegistryHostConfig.scheme}. */
export function schemeFor(host: string, hosts: RegistryHosts = {}): Scheme {
  const config = hostConfigFor(host, hosts);
  if (config.scheme !== undefined) return config.scheme;
  if (config.caPem !== undefined) return "https";
  return isLoopbackHost(host) ? "http" : "https";
}
