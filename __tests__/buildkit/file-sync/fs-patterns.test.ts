import { describe, expect, test } from "vitest";
import { BadPatternError } from "../../../src/buildkit/file-sync/fs-gopath.js";
import {
  newPatternMatcher,
  patternWithoutTrailingGlob,
  translateRe2,
} from "../../../src/buildkit/file-sync/fs-patterns.js";

/*
 * moby/patternmatcher v0.6.0 semantics (vendored by buildx v0.13; v0.6.1 at BuildKit HEAD only fixes panics).
 * Expectations follow patternmatcher.go `New`, `Pattern.compile`/`match` and `MatchesOrParentMatches`, and were
 * checked against patternmatcher itself.
 */
describe("MatchesOrParentMatches", () => {
  test.each<[string[], string, boolean]>([
    // exactMatch: plain text compares whole paths; a parent directory match counts.
    [["foo"], "foo", true],
    [["foo"], "foo/bar/baz", true],
    [["foo"], "foobar", false],
    [["foo/bar"], "foo", false],
    // `*` and `?` stay inside one path element ([^/]* and [^/]).
    [["*.go"], "main.go", true],
    [["*.go"], "cmd/main.go", false],
    [["*/*.go"], "cmd/main.go", true],
    [["?.txt"], "a.txt", true],
    [["?.txt"], "ab.txt", false],
    [["?"], "\u{1F600}", true], // one code point, not one UTF-16 unit
    // `**`: a leading one is a suffix match, a trailing one a prefix match, in between any depth.
    [["**/*.log"], "a/b/c.log", true],
    [["**/*.log"], "c.log", true],
    [["**/foo"], "foo", true],
    [["**"], "anything/at/all", true],
    [["foo/**"], "foo/x", true],
    [["foo/**"], "foox", false],
    [["foo**"], "foox/y", true],
    [["a/**/b"], "a/b", true],
    [["a/**/b"], "a/x/y/b", true],
    // Exceptions: later patterns win; an exception re-includes, a later pattern re-excludes.
    [["*.md", "!README.md"], "README.md", false],
    [["*.md", "!README.md"], "CHANGES.md", true],
    [["*.md", "!README.md", "README*"], "README.md", true],
    [["docs", "!docs/keep"], "docs/keep/a.txt", false],
    [["docs", "!docs/keep"], "docs/other", true],
    // Patterns are trimmed and filepath.Clean'ed; "!" is looked for after cleaning.
    [["  foo  "], "foo", true],
    [["./foo/../bar/"], "bar", true],
    [["/foo"], "foo", false],
    [["!foo/../bar"], "bar", true],
    // Classes and escapes.
    [["[Dd]ocs"], "docs", true],
    [["[^D]ocs"], "Docs", false],
    [["[a-c]x"], "bx", true],
    [["\\*"], "*", true],
    [["\\*"], "a", false],
    [["a.b*"], "axb", false],
    // The generated expression reaches Go's regexp: RE2 syntax in user text keeps its RE2 meaning.
    [["a*|b"], "b", true], // `|` is not escaped (shouldEscape's bitmap overflows for `|{}`)
    [["x{2}*"], "xx", true], // repetition
    [["[[:digit:]]*"], "7up", true],
    [["\\d*"], "42", true],
    [["\\s*"], "\u00a0", false], // Go's \s is ASCII
    [["x\\Q.\\E*"], "x\\.y", true], // \Q...\E quotes the already escaped `\.`
    [["x\\Q.\\E*"], "x.y", false],
    [["a*$"], "ab$", true], // `$` is escaped: a literal
  ])("%j matches %j: %s", (patterns, path, expected) => {
    expect(newPatternMatcher(patterns).matchesOrParentMatches(path)).toBe(expected);
  });

  test.each<[string[]]>([[["!"]], [["[a-"]], [["a\\"]], [["[]"]]])("%j is rejected", (patterns) => {
    expect(() => newPatternMatcher(patterns)).toThrow(BadPatternError);
  });

  test("an RE2 error shows on the first match, as in patternmatcher (New only runs filepath.Match)", () => {
    for (const pattern of ["a[b-a]*", "x{2,1}*"]) {
      const m = newPatternMatcher([pattern]);
      expect(() => m.matchesOrParentMatches("x")).toThrow(BadPatternError);
    }
  });

  test("blank patterns are dropped; exclusions are reported", () => {
    const m = newPatternMatcher(["", "  ", "a", "!a/b"]);
    expect(m.patterns.map((p) => [p.text, p.exclusion])).toEqual([
      ["a", false],
      ["a/b", true],
    ]);
    expect(m.exclusions).toBe(true);
  });
});

describe("MatchesUsingParentResults", () => {
  test("children reuse the parent's per-pattern results", () => {
    const m = newPatternMatcher(["node_modules", "!node_modules/keep"]);
    const dir = m.matchesUsingParentResults("node_modules", undefined);
    expect(dir).toEqual({ matched: true, info: { parentMatched: [true, false] } });
    expect(m.matchesUsingParentResults("node_modules/x", dir.info).matched).toBe(true);
    expect(m.matchesUsingParentResults("node_modules/keep", dir.info).matched).toBe(false);
  });

  test("without parent results, parent directories are checked (top-level call)", () => {
    expect(newPatternMatcher(["a"]).matchesUsingParentResults("a/b/c", undefined).matched).toBe(true);
  });

  test("a pattern skipped for the parent is not re-checked against it (differs from MatchesOrParentMatches)", () => {
    const m = newPatternMatcher(["a", "!a/f", "a"]);
    const dir = m.matchesUsingParentResults("a", undefined);
    expect(m.matchesUsingParentResults("a/f", dir.info).matched).toBe(false);
    expect(m.matchesOrParentMatches("a/f")).toBe(true);
  });
});

test.each([
  ["foo/**", "foo"],
  ["foo/*", "foo"],
  ["foo/**/*", "foo/**"],
  ["foo", "foo"],
])("patternWithoutTrailingGlob(%s) is %s (fsutil filter.go)", (pattern, expected) => {
  expect(patternWithoutTrailingGlob(newPatternMatcher([pattern]).patterns[0]!)).toBe(expected);
});

describe("translateRe2", () => {
  test.each<[string, string, boolean]>([
    ["^[]a]$", "]", true], // `]` first in a class is literal
    ["^a]$", "a]", true], // `]` outside a class is literal
    ["^[[^/]*]$", "[[/]", true], // patternmatcher's `[*]`: class [[^/] repeated, then a literal ]
    ["^.$", "\n", false], // `.` does not match a newline in Go
    ["^[^a]$", "\n", true],
    ["^{1}a$", "a", true], // a repeated assertion is fine in Go
    ["^a{,2}$", "a{,2}", true], // not a repetition: literal
    ["^\\x41\\101$", "AA", true],
  ])("%s on %j: %s", (re2, input, expected) => {
    expect(translateRe2(re2, re2).test(input)).toBe(expected);
  });

  test.each(["^a{1001}$", "^a{2,1}$", "^\\1$", "^\\C$", "^\\pL$", "^[z-a]$", "^[a$"])("%s is rejected", (re2) => {
    expect(() => translateRe2(re2, re2)).toThrow(BadPatternError);
  });
});
