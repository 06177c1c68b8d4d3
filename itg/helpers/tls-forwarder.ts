// Stand-ins for a remote BuildKit daemon, built from the stack's Docker daemon: every accepted connection is
// piped to a fresh hijacked `POST /grpc` (Upgrade: h2c) on the Engine, which is a complete BuildKit endpoint
// (the Control API, and the session over Control.Session). One listener speaks mTLS on 127.0.0.1, the other
// listens on a unix socket: together they exercise the remote driver's tcp+TLS and unix transports for real.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { hijack, type DockerHost } from "../../src/docker/index.js";

export interface Forwarder {
  /** What to give the remote driver: "tcp://127.0.0.1:<port>" or "unix:///tmp/.../buildkitd.sock". */
  readonly address: string;
  /** Connections the listener accepted (TLS: only those whose handshake succeeded). */
  readonly accepted: () => number;
  /** Handshakes the TLS listener refused, with the reason Node gave. */
  readonly tlsErrors: () => readonly string[];
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
}

export interface TlsForwarderOptions {
  readonly docker: DockerHost;
  /** PEM server certificate and key (the stack's cert is for 127.0.0.1 and localhost). */
  readonly cert: Buffer;
  readonly key: Buffer;
  /** PEM CA that client certificates must chain to: mTLS, a client without a certificate is refused. */
  readonly ca: Buffer;
}

/** An mTLS listener on 127.0.0.1 (random port) in front of the Engine's BuildKit. */
export async function startTlsForwarder(options: TlsForwarderOptions): Promise<Forwarder> {
  const errors: string[] = [];
  const server = createTlsServer({
    cert: options.cert,
    key: options.key,
    ca: options.ca,
    requestCert: true,
    rejectUnauthorized: true,
    // grpc-js (Node's http2) offers h2; BuildKit's own TLS listener negotiates it too.
    ALPNProtocols: ["h2"],
  });
  server.on("tlsClientError", (err) => errors.push(err.message));
  const state = track(server, options.docker, "secureConnection");
  await listen(server, () => server.listen(0, "127.0.0.1"));
  const { port } = server.address() as AddressInfo;
  return {
    address: `tcp://127.0.0.1:${port}`,
    accepted: () => state.accepted,
    tlsErrors: () => [...errors],
    close: () => state.close(),
  };
}

/** A unix socket in a fresh temp dir in front of the Engine's BuildKit. */
export async function startUnixForwarder(options: { readonly docker: DockerHost }): Promise<Forwarder> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-remote-"));
  const path = join(dir, "buildkitd.sock");
  const server = createNetServer();
  const state = track(server, options.docker, "connection");
  await listen(server, () => server.listen(path));
  return {
    address: `unix://${path}`,
    accepted: () => state.accepted,
    tlsErrors: () => [],
    close: async () => {
      await state.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, start: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve();
    });
    start();
  });
}

/** Pipes each accepted connection to its own hijacked /grpc; close() cuts them all. */
function track(
  server: Server,
  docker: DockerHost,
  event: "connection" | "secureConnection",
): { readonly accepted: number; close(): Promise<void> } {
  const open = new Set<Socket | Duplex>();
  const abort = new AbortController();
  const state = {
    accepted: 0,
    close: async (): Promise<void> => {
      abort.abort();
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on(event, (client: Socket | TLSSocket) => {
    state.accepted += 1;
    open.add(client);
    client.on("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    // Bytes the client sends before the hijack completes stay buffered: nothing reads until pipe().
    hijack(docker, "/grpc", "h2c", { signal: abort.signal }).then(
      (engine) => {
        if (client.destroyed) {
          engine.destroy();
          return;
        }
        open.add(engine);
        engine.on("close", () => {
          open.delete(engine);
          client.destroy();
        });
        engine.on("error", () => client.destroy());
        client.on("close", () => engine.destroy());
        client.pipe(engine);
        engine.pipe(client);
      },
      () => client.destroy(),
    );
  });
  return state;
}
