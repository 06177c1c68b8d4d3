import { createServer, type Server, type Socket } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import type { Dial } from "./endpoint.js";

/**
 * A unix socket that grpc-js can dial, where each accepted connection is piped to a fresh `dial()`.
 * grpc-js has no API to run a client over an existing stream (grpc/grpc-node#2359), so this is how the
 * client reaches transports such as the Engine's hijacked `/grpc`.
 */
export class LocalProxy {
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly abort = new AbortController();

  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    /** The address to give grpc-js: "unix:/tmp/.../proxy.sock". */
    readonly target: string,
  ) {}

  static async start(dial: Dial, onError: (err: unknown) => void): Promise<LocalProxy> {
    const dir = await mkdtemp(join(tmpdir(), "kiln-"));
    const path = join(dir, "proxy.sock");
    const server = createServer();
    const proxy = new LocalProxy(server, dir, `unix:${path}`);
    server.on("connection", (local) => proxy.accept(local, dial, onError));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
    return proxy;
  }

  private accept(local: Socket, dial: Dial, onError: (err: unknown) => void): void {
    this.sockets.add(local);
    local.on("close", () => this.sockets.delete(local));
    local.pause();
    dial(this.abort.signal).then(
      (remote) => {
        if (local.destroyed) {
          remote.destroy();
          return;
        }
        this.sockets.add(remote);
        remote.on("close", () => {
          this.sockets.delete(remote);
          local.destroy();
        });
        local.on("close", () => remote.destroy());
        remote.on("error", () => local.destroy());
        local.on("error", () => remote.destroy());
        local.pipe(remote);
        remote.pipe(local);
        local.resume();
      },
      (err: unknown) => {
        // grpc-js sees the closed socket as UNAVAILABLE; the cause is kept for the caller's error.
        onError(err);
        local.destroy();
      },
    );
  }

  async close(): Promise<void> {
    this.abort.abort();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.dir, { recursive: true, force: true });
  }
}
