import { describe, expect, test } from "vitest";
import { create, toBinary } from "@bufbuild/protobuf";
import { PacketSchema, Packet_PacketType } from "../../../src/buildkit/gen/fsutil/types/wire_pb.js";
import { dataHeaderReserve, encodeDataPacket } from "../../../src/buildkit/file-sync/data-packet.js";

describe("hand-encoded DATA packets", () => {
  test.each([
    [0, 0],
    [0, 5],
    [1, 0],
    [127, 1],
    [128, 127],
    [16_384, 128],
    [4_000_000_000, 524_288],
  ])("ID %d with %d bytes encodes exactly as protobuf-es does", (id, length) => {
    const data = Buffer.alloc(length, 0xab);
    const buffer = Buffer.alloc(dataHeaderReserve + length);
    data.copy(buffer, dataHeaderReserve);
    const ours = encodeDataPacket(buffer, id, length);
    const reference = toBinary(
      PacketSchema,
      create(PacketSchema, { type: Packet_PacketType.PACKET_DATA, ID: id, data }),
    );
    expect(Buffer.from(ours).equals(Buffer.from(reference))).toBe(true);
  });
});
