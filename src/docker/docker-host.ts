import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerError } from "./docker-error.js";

/** Where the Docker Engine API listens, parsed from DOCKER_HOST. */
export type DockerHost =
  | { readonly kind: "unix"; readonly socketPath: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number; readonly tls?: DockerTls };

export interface DockerTls {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

// Docker's own default: moby client/client.go DefaultDockerHost on Linux.
const defaultSocket = "/var/run/docker.sock";

/**
 * Parses a DOCKER_HOST value ("unix:///path", "tcp://host:port"); an empty value means the default socket.
 * TLS material is read from `certPath` (DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem) when `tlsVerify` is set.
 */
export function parseDockerHost(
  value: string | undefined,
  tls: { tlsVerify?: boolean; certPath?: string } = {},
): DockerHost {
  const raw = value?.trim() || `unix://${defaultSocket}`;
  const url = (() => {
    try {
      return new URL(raw);
    } catch (cause) {
      throw new DockerError(`DOCKER_HOST: expected "unix:///path" or "tcp://host:port", got "${raw}"`, { cause });
    }
  })();
  if (url.protocol === "unix:") {
    return { kind: "unix", socketPath: decodeURIComponent(url.pathname) };
  }
  if (url.protocol === "tcp:" || url.protocol === "http:" || url.protocol === "https:") {
    const port = Number(url.port || (tls.tlsVerify ? 2376 : 2375));
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (!tls.tlsVerify && url.protocol !== "https:") return { kind: "tcp", host, port };
    const dir = tls.certPath ?? "";
    const read = (name: string): Buffer => readFileSync(join(dir, name));
    return { kind: "tcp", host, port, tls: { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") } };
  }
  throw new DockerError(`DOCKER_HOST: expected "unix:///path" or "tcp://host:port", got "${raw}"`);
}

/** DOCKER_HOST as it should appear in messages. */
export function formatDockerHost(host: DockerHost): string {
  return host.kind === "unix" ? `unix://${host.socketPath}` : `tcp://${host.host}:${host.port}`;
}
