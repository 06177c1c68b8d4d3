import { create } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { PacketSchema, StatSchema, type Packet, type Stat } from "../gen/fsutil/types/wire_pb.js";
import { bytesToName, nameToBytes } from "./byte-names.js";

/**
 * fsutil STAT packets encoded by hand, as data-packet.ts does for DATA: a 10,000-file listing sent through
 * protobuf-es's reflective `toBinary` cost more client CPU than the walk's lstat calls.
 *
 * Wire form of Packet{type: PACKET_STAT (0, left out), stat}: field 2 (0x12) length Stat; Stat fields 1 path,
 * 2 mode, 3 uid, 4 gid, 5 size, 6 modTime, 7 linkname, 8 devmajor, 9 devminor (tonistiigi/fsutil types/wire.proto).
 * Default values are left out, as protobuf does. xattrs (field 10) are never sent (fs-walk.ts says why).
 *
 * `path` and `linkname` are escaped strings (byte-names.ts) and go out as the bytes they stand for, which need not
 * be UTF-8: Go strings hold any bytes, fsutil's generated unmarshaler copies them without checking (read in
 * stat_vtproto.pb.go as BuildKit v0.26 vendors it; itg/buildkit/non-utf8-names shows v0.13 accepting them too), and
 * buildx sends such names the same way. The daemon's exporters send them the same way too: `decodePacket` reads them
 * back as bytes.
 */

/**
 * An int64 field's varint: a negative value as its 64-bit two's complement (ten bytes). The value is split into two
 * 32-bit halves once; shifting a bigint seven bits at a time cost as much as the rest of the packet.
 */
function int64Varint(v: bigint, out: number[]): void {
  const u = BigInt.asUintN(64, v);
  let lo = Number(u & 0xffffffffn);
  let hi = Number(u >> 32n);
  while (hi > 0 || lo >= 0x80) {
    out.push((lo & 0x7f) | 0x80);
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  out.push(lo);
}

function smallVarint(n: number, out: number[]): void {
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** Packet{type: PACKET_STAT, stat} as protobuf bytes, the same bytes `toBinary(PacketSchema, ...)` gives. */
export function encodeStatPacket(stat: Stat): Buffer {
  const path = nameToBytes(stat.path);
  const linkname = stat.linkname === "" ? undefined : nameToBytes(stat.linkname);
  const head: number[] = [];
  if (path.length > 0) {
    head.push(0x0a);
    smallVarint(path.length, head);
  }
  const mid: number[] = [];
  const uint32 = (tag: number, v: number): void => {
    if (v !== 0) {
      mid.push(tag);
      smallVarint(v >>> 0, mid);
    }
  };
  const int64 = (tag: number, v: bigint, into: number[]): void => {
    if (v !== 0n) {
      into.push(tag);
      int64Varint(v, into);
    }
  };
  uint32(0x10, stat.mode);
  uint32(0x18, stat.uid);
  uint32(0x20, stat.gid);
  int64(0x28, stat.size, mid);
  int64(0x30, stat.modTime, mid);
  const linkHead: number[] = [];
  if (linkname !== undefined) {
    linkHead.push(0x3a);
    smallVarint(linkname.length, linkHead);
  }
  const tail: number[] = [];
  int64(0x40, stat.devmajor, tail);
  int64(0x48, stat.devminor, tail);
  const statLength = head.length + path.length + mid.length + linkHead.length + (linkname?.length ?? 0) + tail.length;
  const outer: number[] = [0x12];
  smallVarint(statLength, outer);
  const out = Buffer.allocUnsafe(outer.length + statLength);
  let at = 0;
  for (const part of [outer, head]) for (const b of part) out[at++] = b;
  if (path.length > 0) at += path.copy(out, at);
  for (const part of [mid, linkHead]) for (const b of part) out[at++] = b;
  if (linkname !== undefined) at += linkname.copy(out, at);
  for (const b of tail) out[at++] = b;
  return out;
}

/** One Stat message's fields, read into `stat` (a repeated Stat merges into the earlier one, as protobuf's parsing does). */
function readStat(bytes: Uint8Array, stat: Stat): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, type] = reader.tag();
    const want = no === 1 || no === 7 || no === 10 ? WireType.LengthDelimited : WireType.Varint;
    if (no < 1 || no > 10 || type !== want) {
      reader.skip(type, no);
      continue;
    }
    switch (no) {
      case 1:
        stat.path = bytesToName(reader.bytes());
        break;
      case 2:
        stat.mode = reader.uint32();
        break;
      case 3:
        stat.uid = reader.uint32();
        break;
      case 4:
        stat.gid = reader.uint32();
        break;
      case 5:
        stat.size = BigInt(reader.int64());
        break;
      case 6:
        stat.modTime = BigInt(reader.int64());
        break;
      case 7:
        stat.linkname = bytesToName(reader.bytes());
        break;
      case 8:
        stat.devmajor = BigInt(reader.int64());
        break;
      case 9:
        stat.devminor = BigInt(reader.int64());
        break;
      case 10: {
        // map<string, bytes> entry: key 1, value 2. Never written to disk here; the key is kept as an escaped string.
        const entry = new BinaryReader(reader.bytes());
        let key = "";
        let value: Uint8Array = new Uint8Array(0);
        while (entry.pos < entry.len) {
          const [k, t] = entry.tag();
          if (k === 1 && t === WireType.LengthDelimited) key = bytesToName(entry.bytes());
          else if (k === 2 && t === WireType.LengthDelimited) value = entry.bytes();
          else entry.skip(t, k);
        }
        stat.xattrs[key] = value;
        break;
      }
    }
  }
}

/**
 * A Packet from its protobuf bytes, decoded by hand with protobuf-es's wire reader. `fromBinary(PacketSchema, raw)`
 * will not do for what the daemon's exporters send: Stat.path and Stat.linkname are proto3 `string`s, which
 * protobuf-es checks as UTF-8 and rejects ("The encoded data was not valid for encoding utf-8"), while fsutil sends
 * any bytes a file name holds. Here they become escaped strings (byte-names.ts) of their exact bytes. Fields this
 * receiver does not know are skipped.
 */
export function decodePacket(raw: Uint8Array): Packet {
  const packet = create(PacketSchema);
  const reader = new BinaryReader(raw);
  while (reader.pos < reader.len) {
    const [no, type] = reader.tag();
    if (no === 1 && type === WireType.Varint) packet.type = reader.int32();
    else if (no === 2 && type === WireType.LengthDelimited)
      readStat(reader.bytes(), (packet.stat ??= create(StatSchema)));
    else if (no === 3 && type === WireType.Varint) packet.ID = reader.uint32();
    else if (no === 4 && type === WireType.LengthDelimited) packet.data = reader.bytes();
    else reader.skip(type, no);
  }
  return packet;
}
