import { createServer, type Server as NetServer, type Socket } from "node:net";
import { create } from "@bufbuild/protobuf";
import { Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildkitClient } from "../../src/buildkit/client.js";
import { grpcService } from "../../src/buildkit/grpc-service.js";
import { Control, InfoResponseSchema, type InfoResponse } from "../../src/buildkit/gen/moby/buildkit/v1/control_pb.js";

// Its own file: Control's codecs are loaded once per module instance, and this is about the first load.

/** Answers Control.Info like a daemon would, over real gRPC on loopback. */
async function infoServer(version: string): Promise<{ port: number; server: Server }> {
  const server = new Server();
  server.addService(grpcService(Control), {
    info: (_call: ServerUnaryCall<unknown, InfoResponse>, done: sendUnaryData<InfoResponse>) =>
      done(null, create(InfoResponseSchema, { buildkitVersion: { package: "test", version, revision: "x" } })),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, server };
}

describe("Control's codecs load per connection", () => {
  let silent: NetServer;
  let silentPort: number;
  const held = new Set<Socket>();
  let answering: { port: number; server: Server };

  beforeAll(async () => {
    // Accepts the TCP connection and never speaks HTTP/2: that channel stays CONNECTING.
    silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
    answering = await infoServer("v9.9.9");
  });
  afterAll(async () => {
    answering.server.forceShutdown();
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("a daemon that never answers does not hold up another daemon's answer", async () => {
    const stuck = await BuildkitClient.connect({ kind: "tcp", host: "127.0.0.1", port: silentPort });
    const pending = stuck.info({ timeoutMs: 15_000 }).catch(() => undefined);
    const live = await BuildkitClient.connect({ kind: "tcp", host: "127.0.0.1", port: answering.port });
    try {
      const started = Date.now();
      expect((await live.info({ timeoutMs: 10_000 })).version).toBe("v9.9.9");
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await live.close();
      await stuck.close();
      await pending;
    }
  }, 30_000);
});
