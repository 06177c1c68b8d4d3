// A real gRPC round trip for the session content store: the attachable is served by a grpc-js Server on a unix
// socket and called the way the daemon's containerd proxy calls it (content/proxy: negotiate with STAT, WRITE
// at the running offset, COMMIT with size and digest; ReaderAt = Info, then Read of exactly the bytes wanted).
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Metadata,
  Server,
  ServerCredentials,
  credentials,
  makeGenericClientConstructor,
  type Client,
  type ClientDuplexStream,
  type ServiceError,
} from "@grpc/grpc-js";
import { create } from "@bufbuild/protobuf";
import {
  WriteAction,
  WriteContentRequestSchema,
  type WriteContentResponse,
  type ReadContentResponse,
} from "../../../src/buildkit/gen/containerd/services/content/v1/content_pb.js";
import { Content } from "../../../src/buildkit/gen/containerd/services/content/v1/content_pb.js";
import { grpcService } from "../../../src/buildkit/grpc-service.js";
import type { Attachable } from "../../../src/buildkit/session/attachable.js";

export const sha256 = (data: Uint8Array | string): string =>
  `sha256:${createHash("sha256").update(data).digest("hex")}`;

type Unary = (req: unknown, md: Metadata, cb: (err: ServiceError | null, res?: unknown) => void) => void;

export interface Harness {
  /** Calls a unary method with the store ID header set (or none when `storeId` is undefined). */
  unary<T>(method: string, request: unknown, storeId?: string): Promise<T>;
  /** Read of [offset, offset+size): the concatenated data, the replies' offsets. */
  read(storeId: string, digest: string, offset: number, size: number): Promise<{ data: Buffer; offsets: number[] }>;
  /** Opens a Write stream; each `send` waits for its reply. */
  write(storeId: string): WriteCall;
  /** containerd's content.WriteBlob over the proxy: negotiate, copy in chunks, commit. "exists" on AlreadyExists. */
  writeBlob(storeId: string, ref: string, data: Buffer, chunk?: number): Promise<"written" | "exists">;
  close(): Promise<void>;
}

export interface WriteCall {
  send(req: {
    action: WriteAction;
    ref?: string;
    total?: number;
    expected?: string;
    offset?: number;
    data?: Uint8Array;
  }): Promise<WriteContentResponse>;
  closeSend(): Promise<void>;
}

const storeIdHeader = "buildkit-attachable-store-id";

function metadataFor(storeId: string | undefined): Metadata {
  const md = new Metadata();
  if (storeId !== undefined) md.set(storeIdHeader, storeId);
  return md;
}

export async function serve(attachable: Attachable): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-cs-grpc-"));
  const address = `unix:${join(dir, "s.sock")}`;
  const server = new Server();
  attachable.register(server);
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
  );
  const Ctor = makeGenericClientConstructor(grpcService(Content), "Content");
  const client = new Ctor(address, credentials.createInsecure()) as Client & Record<string, unknown>;

  const message = (method: string, init: unknown): unknown => {
    const desc = Content.methods.find((m) => m.localName === method);
    if (!desc) throw new Error(`no method ${method}`);
    return create(desc.input, init as never);
  };
  const unary = <T>(method: string, request: unknown, storeId?: string): Promise<T> =>
    new Promise((resolve, reject) =>
      (client[method] as Unary).call(client, message(method, request), metadataFor(storeId), (err, res) =>
        err ? reject(err) : resolve(res as T),
      ),
    );

  const write = (storeId: string): WriteCall => {
    const call = (client["write"] as (md: Metadata) => ClientDuplexStream<unknown, WriteContentResponse>).call(
      client,
      metadataFor(storeId),
    );
    const replies: WriteContentResponse[] = [];
    const waiting: { resolve: (r: WriteContentResponse) => void; reject: (e: Error) => void }[] = [];
    let failure: Error | undefined;
    call.on("data", (r: WriteContentResponse) => {
      const w = waiting.shift();
      if (w) w.resolve(r);
      else replies.push(r);
    });
    call.on("error", (e: Error) => {
      failure = e;
      for (const w of waiting.splice(0)) w.reject(e);
    });
    const ended = new Promise<void>((resolve) => call.on("status", () => resolve()));
    return {
      send(req) {
        call.write(
          create(WriteContentRequestSchema, {
            action: req.action,
            ref: req.ref ?? "",
            total: BigInt(req.total ?? 0),
            expected: req.expected ?? "",
            offset: BigInt(req.offset ?? 0),
            data: req.data ?? new Uint8Array(),
          }),
        );
        const ready = replies.shift();
        if (ready) return Promise.resolve(ready);
        if (failure) return Promise.reject(failure);
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      async closeSend() {
        call.end();
        await ended;
      },
    };
  };

  return {
    unary,
    write,
    read(storeId, digest, offset, size) {
      return new Promise((resolve, reject) => {
        const call = (
          client["read"] as (req: unknown, md: Metadata) => NodeJS.EventEmitter & { on: NodeJS.EventEmitter["on"] }
        ).call(client, message("read", { digest, offset: BigInt(offset), size: BigInt(size) }), metadataFor(storeId));
        const parts: Buffer[] = [];
        const offsets: number[] = [];
        call.on("data", (r: ReadContentResponse) => {
          parts.push(Buffer.from(r.data));
          offsets.push(Number(r.offset));
        });
        call.on("error", reject);
        call.on("end", () => resolve({ data: Buffer.concat(parts), offsets }));
      });
    },
    async writeBlob(storeId, ref, data, chunk = 1000) {
      const w = write(storeId);
      const expected = sha256(data);
      try {
        const stat = await w.send({ action: WriteAction.STAT, ref, total: data.length, expected });
        let offset = Number(stat.offset);
        while (offset < data.length) {
          const r = await w.send({ action: WriteAction.WRITE, offset, data: data.subarray(offset, offset + chunk) });
          offset = Number(r.offset);
        }
        const done = await w.send({ action: WriteAction.COMMIT, offset, total: data.length, expected });
        if (done.digest !== expected) throw new Error(`committed ${done.digest}, expected ${expected}`);
        await w.closeSend();
        return "written";
      } catch (err) {
        if ((err as ServiceError).code === 6) return "exists";
        throw err;
      }
    },
    async close() {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
