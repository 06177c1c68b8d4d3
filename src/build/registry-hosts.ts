import type { BuilderSpec } from "../builder/index.js";
import { parseBuildkitdConfig } from "../builder/docker-container/buildkitd-toml.js";
import type { RegistryHostConfig, RegistryHosts } from "../registry/index.js";

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * How Kiln's own registry client (the read-back after a push) reaches the registries the builder was told about,
 * so it talks to each the way the daemon did: `insecure-registries` hosts as insecure (TLS unverified or plain
 * HTTP), and from the user's buildkitd.toml `http = true` as plain HTTP, `insecure = true` as insecure, and the
 * `ca` files it named (read on the runner) as trusted CAs, which also means TLS on a loopback host.
 */
export function registryHostsFor(spec: BuilderSpec): RegistryHosts {
  const hosts: Record<string, RegistryHostConfig> = {};
  const user = spec.driver === "docker-container" ? spec.container?.config : undefined;
  const registry = user ? parseBuildkitdConfig(user)["registry"] : undefined;
  for (const [host, table] of Object.entries(isTable(registry) ? registry : {})) {
    if (!isTable(table)) continue;
    const ca = table["ca"];
    const pems = (typeof ca === "string" ? [ca] : Array.isArray(ca) ? ca : [])
      .map((p) => (typeof p === "string" ? user?.files?.[p] : undefined))
      .filter((pem): pem is string => pem !== undefined);
    hosts[host] = {
      ...(table["http"] === true ? { scheme: "http" as const } : {}),
      ...(table["insecure"] === true ? { insecure: true } : {}),
      ...(pems.length > 0 ? { caPem: pems.join("\n") } : {}),
    };
  }
  for (const host of spec.registries?.insecure ?? []) hosts[host] = { ...hosts[host], insecure: true };
  return hosts;
}
