import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { BytesMessageSchema } from "../../../src/buildkit/gen/moby/buildkit/v1/control_pb.js";
import { encodeBytesMessage, groupChunks } from "../../../src/buildkit/session/session-bytes-stream.js";

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
