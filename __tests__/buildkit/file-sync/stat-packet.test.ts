import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import {
  PacketSchema,
  Packet_PacketType,
  StatSchema,
  type Stat,
} from "../../../src/buildkit/gen/fsutil/types/wire_pb.js";
import { decodePacket, encodeStatPacket } from "../../../src/buildkit/file-sync/stat-packet.js";
import { bytesToName, nameToBytes } from "../../../src/buildkit/file-sync/byte-names.js";

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

describe("decodePacket", () => {
  const rawPath = Buffer.from([0x64, 0xe9, 0x2f, 0x66, 0xff, 0x2e, 0x74, 0x78, 0x74]); // "d\xe9/f\xff.txt"
  const rawLink = Buffer.from([0x2e, 0x2e, 0x2f, 0x74, 0xff]); // "../t\xff"

  it("keeps the exact bytes of a path and linkname that are not UTF-8", () => {
    const stat = create(StatSchema, {
      path: bytesToName(rawPath),
      linkname: bytesToName(rawLink),
      mode: (0x08000000 | 0o777) >>> 0,
      size: 5n,
      modTime: 1_700_000_000_000_000_001n,
    });
    const wire = encodeStatPacket(stat);
    // What this replaces: protobuf-es checks proto3 strings as UTF-8 and refuses the packet.
    expect(() => fromBinary(PacketSchema, wire)).toThrow(/utf-8/);

    const p = decodePacket(wire);
    expect(nameToBytes(p.stat!.path)).toEqual(rawPath);
    expect(nameToBytes(p.stat!.linkname)).toEqual(rawLink);
    expect(p.stat).toEqual(stat);
    // And back to the same bytes.
    expect(encodeStatPacket(p.stat!)).toEqual(wire);
  });

  it("decodes the daemon's other packets as fromBinary does", () => {
    for (const packet of [
      create(PacketSchema, { stat: create(StatSchema, { path: "ünï/名前", linkname: "a", mode: 0o644, uid: 7 }) }),
      create(PacketSchema, {
        stat: create(StatSchema, {
          path: "dev/x",
          mode: (0x04000000 | 0o600) >>> 0,
          gid: 2 ** 32 - 1,
          size: -1n,
          modTime: -1_000_000_000n,
          devmajor: 8n,
          devminor: 2n ** 40n,
          xattrs: { "security.capability": Buffer.from([1, 0, 0xff]), "user.empty": new Uint8Array(0) },
        }),
      }),
      create(PacketSchema, { type: Packet_PacketType.PACKET_STAT }),
      create(PacketSchema, { type: Packet_PacketType.PACKET_DATA, ID: 3, data: Buffer.from([0xff, 0xfe]) }),
      create(PacketSchema, { type: Packet_PacketType.PACKET_FIN }),
    ]) {
      const wire = toBinary(PacketSchema, packet);
      expect(decodePacket(wire)).toEqual(fromBinary(PacketSchema, wire));
    }
  });

  it("takes the last of a repeated name field, as protobuf parsing does", () => {
    // Packet{stat: Stat{path: "a", path: "b\xff"}} then a second stat chunk with only a linkname: they merge.
    const wire = Buffer.from([0x12, 7, 0x0a, 1, 0x61, 0x0a, 2, 0x62, 0xff, 0x12, 3, 0x3a, 1, 0xfe]);
    const p = decodePacket(wire);
    expect(nameToBytes(p.stat!.path)).toEqual(Buffer.from([0x62, 0xff]));
    expect(nameToBytes(p.stat!.linkname)).toEqual(Buffer.from([0xfe]));
  });
});
