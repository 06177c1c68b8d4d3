import type { Duplex } from "node:stream";

/** Opens one raw connection to the daemon's gRPC server (HTTP/2 with prior knowledge). */
export type Dial = (signal: AbortSignal) => Promise<Duplex>;

/**
 * Opens the connection on which the client serves its session. `headers` are the session headers
 * (X-Docker-Expose-Session-*), multi-valued; the daemon speaks gRPC to us over the returned stream.
 */
export type SessionDial = (headers: SessionHeaders, signal: AbortSignal) => Promise<Duplex>;

export type SessionHeaders = Readonly<Record<string, readonly string[]>>;

export interface TlsOptions {
  /** PEM CA bundle that signs the daemon's certificate; the system roots when absent. */
  readonly ca?: Buffer;
  /** PEM client certificate and key, for mTLS. */
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** Name to verify the certificate against, when it differs from the host. */
  readonly serverName?: string;
}

/**
 * How to reach a BuildKit daemon. `unix` and `tcp` are dialed by grpc-js itself; `dial` covers transports it
 * cannot dial (the Docker Engine's hijacked `/grpc`, `docker exec buildctl dial-stdio`).
 */
export type Endpoint =
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number; readonly tls?: TlsOptions }
  | {
      readonly kind: "dial";
      /** Shown in errors, e.g. "docker unix:///var/run/docker.sock". */
      readonly name: string;
      readonly dial: Dial;
      /**
       * A separate session connection (the Engine's `/session`); without it the session runs over
       * Control.Session on the gRPC connection, as it does for buildkitd.
       */
      readonly dialSession?: SessionDial;
    };

/** The endpoint as a user would write it, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case "unix":
      return `unix://${endpoint.path}`;
    case "tcp":
      return `tcp://${endpoint.host}:${endpoint.port}`;
    case "dial":
      return endpoint.name;
  }
}

/**
 * Parses "unix:///path" or "tcp://host:port" (BuildKit's address syntax, buildctl --addr).
 * Returns undefined for anything else so the caller can name its own input in the error.
 */
export function parseAddress(address: string, tls?: TlsOptions): Endpoint | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (url.protocol === "unix:" && url.pathname) return { kind: "unix", path: decodeURIComponent(url.pathname) };
  if (url.protocol === "tcp:" && url.hostname && url.port) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    return tls ? { kind: "tcp", host, port: Number(url.port), tls } : { kind: "tcp", host, port: Number(url.port) };
  }
  return undefined;
}
