import { describe, expect, test } from "vitest";
import { bytesToName } from "../../../src/buildkit/file-sync/byte-names.js";
import { dedupePaths } from "../../../src/buildkit/file-sync/fs-filter.js";
import {
  BadPatternError,
  basePath,
  cleanPath,
  compareUtf8,
  dirPath,
  joinPath,
  matchGlob,
} from "../../../src/buildkit/file-sync/fs-gopath.js";

// Go path/filepath on Unix.
test.each([
  ["", "."],
  [".", "."],
  ["a/./b/", "a/b"],
  ["a//b", "a/b"],
  ["a/../..", ".."],
  ["/../a", "/a"],
  ["./a/b/../c", "a/c"],
  ["/", "/"],
])("filepath.Clean(%j) is %j", (p, expected) => {
  expect(cleanPath(p)).toBe(expected);
});

test.each<[string[], string]>([
  [[".", "a"], "a"],
  [[".", "/a"], "a"],
  [[".", ""], "."],
  [["/", "../x"], "/x"],
  [["", ""], ""],
])("filepath.Join(%j) is %j", (elems, expected) => {
  expect(joinPath(...elems)).toBe(expected);
});

test.each([
  ["a/b", "a", "b"],
  ["a", ".", "a"],
  ["/a", "/", "a"],
  ["a/b/", "a/b", "b"],
  ["", ".", "."],
])("filepath.Dir/Base(%j) are %j, %j", (p, dir, base) => {
  expect([dirPath(p), basePath(p)]).toEqual([dir, base]);
});

// Go path/filepath match.go Match.
test.each<[string, string, boolean]>([
  ["abc", "abc", true],
  ["*", "abc", true],
  ["*c", "abc", true],
  ["a*", "a", true],
  ["a*", "ab/c", false],
  ["a*/b", "abc/b", true],
  ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
  ["a*b?c*x", "abxbbxdbxebxczzx", true],
  ["ab[c]", "abc", true],
  ["ab[b-d]", "abc", true],
  ["ab[^c]", "abc", false],
  ["a\\*b", "a*b", true],
  ["a?b", "a\u{1F600}b", true],
  ["[\\]a]", "]", true],
  ["*x", "xxx", true],
])("filepath.Match(%j, %j) is %s", (pattern, name, expected) => {
  expect(matchGlob(pattern, name)).toBe(expected);
});

test.each<[string, string]>([
  ["[", "a"],
  ["[^", "a"],
  ["a[", "a"],
  ["[a-", "b"],
  ["*\\", "x"],
  ["[]a]", "]"],
])("filepath.Match(%j, %j) is a syntax error", (pattern, name) => {
  expect(() => matchGlob(pattern, name)).toThrow(BadPatternError);
});

test("filepath.Match does not check chunks after a mismatch for syntax errors (unlike path.Match)", () => {
  expect(matchGlob("a*[", "x")).toBe(false);
  expect(() => matchGlob("a[", "x")).toThrow(BadPatternError); // same chunk: checked
});

test.each<[string, string]>([
  ["\uFF21", "\u{1F600}"], // EF BC A1 < F0 9F 98 80, though UTF-16 puts the surrogate pair first
  ["a", "a-b"],
  ["a-b", "a/b"],
  ["Z", "a"],
  ["\u00e9", "\uFF21"],
])("%j sorts before %j byte-wise", (a, b) => {
  expect(compareUtf8(a, b)).toBeLessThan(0);
  expect(compareUtf8(b, a)).toBeGreaterThan(0);
});

// fsutil followlinks.go dedupePaths.
test.each<[string[], string[] | undefined]>([
  [
    ["a", "a/b", "b"],
    ["a", "b"],
  ],
  [
    ["a", "ab", "a/b"],
    ["a", "ab", "a/b"],
  ], // compares with the last kept path only
  [["a", ".", "b"], undefined],
  [["/abs", "b"], ["b"]], // the first comparison is against "/"
])("dedupePaths(%j) is %j", (paths, expected) => {
  expect(dedupePaths(paths)).toEqual(expected);
});

describe("escaped names (byte-names.ts) match and sort as their bytes, as Go's strings do", () => {
  const name = bytesToName(Buffer.from([0x66, 0xff]));
  test.each([
    ["f?", true],
    ["f*", true],
    ["[f]?", true],
    ["f\uFFFD", false], // Go: the pattern's bytes EF BF BD are not the name's FF
    [name, true],
    [bytesToName(Buffer.from([0x66, 0xfe])), false],
  ])("matchGlob(%j, f\\xff) is %s", (pattern, want) => {
    expect(matchGlob(pattern, name)).toBe(want);
  });

  test("compareUtf8 puts the byte 0xff after every UTF-8 character", () => {
    expect(["f\u{10FFFF}", name, "f\uFFFD", "f"].sort(compareUtf8)).toEqual(["f", "f\uFFFD", "f\u{10FFFF}", name]);
  });
});
