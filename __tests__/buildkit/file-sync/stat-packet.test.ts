import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PacketSchema, StatSchema, type Stat } from "../../../src/buildkit/gen/fsutil/types/wire_pb.js";
import { encodeStatPacket } from "../../../src/buildkit/file-sync/stat-packet.js";
import { bytesToName } from "../../../src/buildkit/file-sync/byte-names.js";

const reference = (stat: Stat): Buffer => Buffer.from(toBinary(PacketSchema, create(PacketSchema, { stat })));

describe("encodeStatPacket", () => {
  it.each([
    ["a regular file", { path: "src/d000/f001.bin", mode: 0o644, size: 1023n, modTime: 1_733_500_000_123_456_789n }],
    ["a directory", { path: "src", mode: (0x80000000 | 0o755) >>> 0, modTime: 1n }],
    ["a symlink", { path: "link", mode: (0x08000000 | 0o777) >>> 0, linkname: "../outside/target", size: 17n }],
    ["a hardlink", { path: "b", mode: 0o600, linkname: "a", uid: 1000, gid: 1000 }],
    ["a device", { path: "dev/null", mode: (0x04000000 | 0x00200000 | 0o666) >>> 0, devmajor: 1n, devminor: 3n }],
    ["a unicode name", { path: "ünïcødé/名前 with space", mode: 0o644, size: 300_000_000_000n }],
    ["a time before 1970", { path: "old", mode: 0o644, modTime: -1_000_000_000n }],
    ["all defaults", {}],
    ["int64 extremes", { path: "x", size: 9_223_372_036_854_775_807n, modTime: -1n, devmajor: 4_294_967_296n }],
    ["values at varint boundaries", { path: "y", mode: 127, uid: 128, gid: 16_383, size: 2n ** 35n - 1n }],
    ["a long path", { path: "p/".repeat(100) + "f", mode: 0o644 }],
  ])("encodes %s as protobuf-es does", (_what, init) => {
    const stat = create(StatSchema, init);
    expect(encodeStatPacket(stat).equals(reference(stat))).toBe(true);
  });
});

describe("encodeStatPacket with names that are not UTF-8", () => {
  it("puts the raw bytes of an escaped path and linkname on the wire", () => {
    const rawPath = Buffer.from([0x64, 0x2f, 0x66, 0xff]);
    const rawLink = Buffer.from([0x74, 0xfe]);
    const out = encodeStatPacket(create(StatSchema, { path: bytesToName(rawPath), linkname: bytesToName(rawLink) }));
    // Packet{stat: Stat{path, linkname}}: 0x12 len | 0x0a 4 path | 0x3a 2 linkname.
    expect(out).toEqual(Buffer.from([0x12, 10, 0x0a, 4, ...rawPath, 0x3a, 2, ...rawLink]));
  });
});
