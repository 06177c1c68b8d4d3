import { describe, expect, test } from "vitest";
import { bytesToName, displayName, hasEscapes, nameToBytes } from "../../../src/buildkit/file-sync/byte-names.js";

const b = (...bytes: number[]) => Buffer.from(bytes);

describe("escaped names", () => {
  test.each([
    ["plain ASCII", Buffer.from("src/main.go")],
    ["valid UTF-8, astral included", Buffer.from("ünï/名前/\u{1F600}/\u{10080}")],
    ["a lone 0xff", b(0x66, 0xff, 0x2e, 0x74, 0x78, 0x74)],
    ["Latin-1 text", Buffer.from("caf\xe9 na\xefve", "latin1")],
    ["a truncated 3-byte sequence (two invalid bytes for Go)", b(0x61, 0xe2, 0x82, 0x62)],
    ["an encoded surrogate (invalid UTF-8)", b(0xed, 0xb2, 0x80)],
    ["an overlong slash", b(0xc0, 0xaf)],
    ["invalid bytes next to an astral character", b(0xf0, 0x90, 0x82, 0x80, 0x80, 0xff)],
  ])("%s round-trips byte for byte", (_what, raw) => {
    expect(nameToBytes(bytesToName(raw)).equals(raw)).toBe(true);
  });

  test("a valid name is its plain decoding, with no escapes", () => {
    const name = bytesToName(Buffer.from("名前/\u{10080}"));
    expect(name).toBe("名前/\u{10080}");
    expect(hasEscapes(name)).toBe(false);
    expect(nameToBytes(name)).toEqual(Buffer.from("名前/\u{10080}"));
  });

  test("each byte Go's DecodeRune rejects is one escape, so `?` and `*` see one rune per invalid byte", () => {
    const name = bytesToName(b(0x61, 0xe2, 0x82, 0x62));
    expect(name).toBe("a\udce2\udc82b");
    expect(/^a[^/][^/]b$/u.test(name)).toBe(true);
    expect(hasEscapes(name)).toBe(true);
  });

  test("distinct invalid bytes stay distinct (no collapse to U+FFFD)", () => {
    expect(bytesToName(b(0x66, 0xff))).not.toBe(bytesToName(b(0x66, 0xfe)));
    expect(bytesToName(b(0x66, 0xff))).not.toBe("f\ufffd");
  });

  test("a path with escapes stands for the raw bytes; messages show them as \\x", () => {
    const name = "/ctx/" + bytesToName(b(0x66, 0xff));
    expect(nameToBytes(name)).toEqual(Buffer.from([...Buffer.from("/ctx/"), 0x66, 0xff]));
    expect(displayName(name)).toBe("/ctx/f\\xff");
  });
});
