import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeLintResult } from "../../../src/buildkit/gateway/lint-result.js";

// Fixtures: result.json as BuildKit v0.26.3's Dockerfile frontend answered `frontend.lint` (each source's LLB
// definition left out), for a Dockerfile with `FROM ... as base` / `ENV key value` and one with an unknown instruction.
const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("decodeLintResult", () => {
  it("gives each warning its rule, texts, file and lines", () => {
    const r = decodeLintResult({ "result.json": fixture("lint-findings.json"), "result.statuscode": text("1") });
    expect(r.statusCode).toBe(1);
    expect(r.error).toBeUndefined();
    expect(r.findings.map((f) => [f.rule, f.location?.file, f.location?.startLine, f.location?.endLine])).toEqual([
      ["FromAsCasing", "Dockerfile", 1, 1],
      ["LegacyKeyValueFormat", "Dockerfile", 2, 2],
      ["SecretsUsedInArgOrEnv", "Dockerfile", 2, 2],
    ]);
    expect(r.findings[0]).toMatchObject({
      description: "The 'as' keyword should match the case of the 'from' keyword",
      url: "https://docs.docker.com/go/dockerfile/rule/from-as-casing/",
      detail: "'as' and 'FROM' keywords' casing do not match",
    });
  });

  it("reports a Dockerfile that cannot be checked as an error with its line", () => {
    const r = decodeLintResult({ "result.json": fixture("lint-parse-error.json"), "result.statuscode": text("1") });
    expect(r.findings).toEqual([]);
    expect(r.error).toEqual({
      message: "dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)",
      location: { file: "Dockerfile", startLine: 2, endLine: 2 },
    });
  });

  it("is clean with no warnings and status 0", () => {
    const r = decodeLintResult({
      "result.json": text('{"warnings":null,"sources":[{"filename":"Dockerfile"}]}'),
      "result.statuscode": text("0"),
    });
    expect(r).toEqual({ findings: [], statusCode: 0 });
  });

  it("spans a multi-line range, and leaves out a location with a negative source index", () => {
    const r = decodeLintResult({
      "result.json": text(
        JSON.stringify({
          warnings: [
            { ruleName: "A", location: { sourceIndex: 1, ranges: [{ start: { line: 3 }, end: { line: 5 } }] } },
            { ruleName: "B", location: { sourceIndex: -1 } },
          ],
          sources: [{ filename: "Dockerfile" }, { filename: "other/Containerfile" }],
        }),
      ),
    });
    expect(r.findings[0]!.location).toEqual({ file: "other/Containerfile", startLine: 3, endLine: 5 });
    expect(r.findings[1]!.location).toBeUndefined();
    // No status code sent: a warning fails, as buildx would.
    expect(r.statusCode).toBe(1);
  });

  it("refuses metadata without result.json instead of calling the check clean", () => {
    expect(() => decodeLintResult({ "result.txt": text("") })).toThrow(/no check result \(result\.json\)/);
  });
});
