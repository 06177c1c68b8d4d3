import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { ClientDuplexStream } from "@grpc/grpc-js";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BytesMessageSchema, type BytesMessage } from "../../../src/buildkit/gen/moby/buildkit/v1/control_pb.js";
import {
  encodeBytesMessage,
  groupChunks,
  sessionBytesStream,
} from "../../../src/buildkit/session/session-bytes-stream.js";

const bytes = (n: number, seed: number): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));

describe("encodeBytesMessage", () => {
  it.each([0, 1, 127, 128, 16_393, 300_000])("encodes %i bytes exactly as protobuf-es does", (n) => {
    const data = bytes(n, n);
    const expected = Buffer.from(toBinary(BytesMessageSchema, create(BytesMessageSchema, { data })));
    expect(encodeBytesMessage([data]).equals(expected)).toBe(true);
  });

  it("concatenates chunks into one message's data", () => {
    const chunks = [bytes(9, 1), bytes(0, 2), bytes(16_384, 3), bytes(200, 4)];
    const decoded = fromBinary(BytesMessageSchema, encodeBytesMessage(chunks));
    expect(Buffer.from(decoded.data).equals(Buffer.concat(chunks))).toBe(true);
  });
});

describe("groupChunks", () => {
  it("keeps every byte in order, no group over the limit, a large chunk split", () => {
    const chunks = [bytes(10, 1), bytes(25, 2), bytes(3, 3), bytes(7, 4)];
    const groups = groupChunks(chunks, 16);
    for (const g of groups) expect(g.reduce((n, c) => n + c.byteLength, 0)).toBeLessThanOrEqual(16);
    expect(Buffer.concat(groups.flat()).equals(Buffer.concat(chunks))).toBe(true);
    expect(groups.map((g) => g.reduce((n, c) => n + c.byteLength, 0))).toEqual([16, 16, 13]);
  });

  it("returns no group for no bytes", () => {
    expect(groupChunks([], 16)).toEqual([]);
    expect(groupChunks([Buffer.alloc(0)], 16)).toEqual([]);
  });
});

/**
 * Stands in for grpc-js's client call: like grpc-js, it copies a message into its own frame only later (after an
 * await in its compression filter), then calls the write back; `frames` holds those copies, `blocks` the memory each
 * message was handed over in.
 */
function recordingCall(): {
  call: ClientDuplexStream<BytesMessage | Buffer, BytesMessage>;
  frames: Buffer[];
  blocks: Set<ArrayBufferLike>;
} {
  const frames: Buffer[] = [];
  const blocks = new Set<ArrayBufferLike>();
  const stream = new Writable({
    objectMode: true,
    write(message: Buffer, _encoding, callback) {
      blocks.add(message.buffer);
      setImmediate(() => {
        frames.push(Buffer.from(message));
        callback();
      });
    },
  });
  Object.assign(stream, { cancel: () => stream.destroy(), resume: () => {}, pause: () => {} });
  return { call: stream as unknown as ClientDuplexStream<BytesMessage | Buffer, BytesMessage>, frames, blocks };
}

describe("sessionBytesStream", () => {
  it("reuses big messages' buffers only after the call has taken its copy: every byte arrives intact", async () => {
    const { call, frames, blocks } = recordingCall();
    const duplex = sessionBytesStream(call);
    const writes = Array.from({ length: 8 }, (_, i) => bytes(300_000 + i, i));
    const finished = new Promise((resolve) => (call as unknown as Writable).on("finish", resolve));
    for (const w of writes) duplex.write(w);
    duplex.end();
    await finished;
    const sent = Buffer.concat(frames.map((f) => Buffer.from(fromBinary(BytesMessageSchema, f).data)));
    expect(sent.equals(Buffer.concat(writes))).toBe(true);
    // Fewer blocks than messages: the pool was in use, so a block given back too early would have shown above.
    expect(blocks.size).toBeLessThan(frames.length);
  });
});
