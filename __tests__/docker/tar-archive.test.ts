import { describe, expect, it } from "vitest";
import { tarArchive } from "../../src/docker/index.js";

interface Parsed {
  name: string;
  mode: number;
  uid: number;
  size: number;
  type: string;
  content: string;
}

/** Reads a ustar archive back, checking each header's checksum. */
function parse(tar: Buffer): Parsed[] {
  const out: Parsed[] = [];
  let at = 0;
  while (at + 512 <= tar.length) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const field = (from: number, len: number): string => h.toString("utf8", from, from + len).replace(/\0.*$/s, "");
    const stored = parseInt(field(148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
    expect(sum).toBe(stored);
    const prefix = field(345, 155);
    const size = parseInt(field(124, 12), 8);
    out.push({
      name: prefix ? `${prefix}/${field(0, 100)}` : field(0, 100),
      mode: parseInt(field(100, 8), 8),
      uid: parseInt(field(108, 8), 8),
      size,
      type: field(156, 1),
      content: tar.toString("utf8", at + 512, at + 512 + size),
    });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe("tarArchive", () => {
  it("writes directories and files owned by root, with modes, padded to 512-byte blocks", () => {
    const tar = tarArchive([
      { path: "buildkit" },
      { path: "buildkit/buildkitd.toml", content: "debug = true\n" },
      { path: "buildkit/certs/ca.pem", content: Buffer.from("x".repeat(700)), mode: 0o600 },
    ]);
    expect(tar.length % 512).toBe(0);
    expect(parse(tar)).toEqual([
      { name: "buildkit/", mode: 0o755, uid: 0, size: 0, type: "5", content: "" },
      { name: "buildkit/buildkitd.toml", mode: 0o644, uid: 0, size: 13, type: "0", content: "debug = true\n" },
      { name: "buildkit/certs/ca.pem", mode: 0o600, uid: 0, size: 700, type: "0", content: "x".repeat(700) },
    ]);
  });

  it("splits a long path into ustar prefix and name", () => {
    const path = `${"d".repeat(90)}/${"e".repeat(40)}/file.pem`;
    expect(parse(tarArchive([{ path, content: "c" }]))[0]?.name).toBe(path);
  });

  it("is byte-for-byte reproducible", () => {
    const entries = [{ path: "a.txt", content: "a" }];
    expect(tarArchive(entries).equals(tarArchive(entries))).toBe(true);
  });
});
