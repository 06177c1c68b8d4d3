import * as core from "@actions/core";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as runner from "../../src/action/runner-commands.js";

// @actions/core (still installed: @actions/cache and @actions/artifact depend on it) is the oracle: for the same
// call, Kiln's runner-commands must write the same bytes to stdout and to the runner's files.

/** What `f` writes to stdout. */
function stdoutOf(f: () => void): string {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    f();
  } finally {
    spy.mockRestore();
  }
  return written.join("");
}

const awkward = [
  "plain",
  "",
  "100% done",
  "two\nlines",
  "carriage\r\nreturn",
  "a: colon, and comma",
  "%0A already escaped",
  "unicode ✓ é",
];

describe("runner-commands writes what @actions/core writes", () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kiln-runner-commands-"));
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it("log lines, groups and masks", () => {
    for (const text of awkward) {
      expect(stdoutOf(() => runner.info(text))).toBe(stdoutOf(() => core.info(text)));
      expect(stdoutOf(() => runner.startGroup(text))).toBe(stdoutOf(() => core.startGroup(text)));
      expect(stdoutOf(() => runner.setSecret(text))).toBe(stdoutOf(() => core.setSecret(text)));
    }
    expect(stdoutOf(() => runner.endGroup())).toBe(stdoutOf(() => core.endGroup()));
  });

  it("annotations, with and without a place in a file", () => {
    const places = [
      undefined,
      { file: "Dockerfile", startLine: 3, endLine: 3 },
      { file: "sub dir/Docker,file:x", startLine: 1 },
      { file: "Dockerfile" },
      { file: "Dockerfile", startLine: 0, endLine: 0 },
    ];
    for (const text of awkward) {
      for (const at of places) {
        expect(stdoutOf(() => runner.warning(text, at))).toBe(stdoutOf(() => core.warning(text, at ?? {})));
        expect(stdoutOf(() => runner.error(text, at))).toBe(stdoutOf(() => core.error(text, at ?? {})));
      }
    }
  });

  it("inputs and state from the environment", () => {
    process.env["INPUT_BUILD-ARGS"] = "  A=1\nB=2  ";
    process.env["INPUT_MY_INPUT"] = " spaced name ";
    process.env["STATE_container"] = "kiln_buildkit_x";
    for (const name of ["build-args", "my input", "MY_INPUT", "unset-input"]) {
      expect(runner.getInput(name)).toBe(core.getInput(name));
      expect(runner.getInput(name, { trimWhitespace: false })).toBe(core.getInput(name, { trimWhitespace: false }));
    }
    for (const name of ["container", "unset"]) expect(runner.getState(name)).toBe(core.getState(name));
  });

  it("outputs and state into the runner's files, multi-line values included", () => {
    const parse = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, "DELIMITER").replace(/\r\n/g, "\n");
    for (const [variable, ours, theirs] of [
      ["GITHUB_OUTPUT", runner.setOutput, core.setOutput],
      ["GITHUB_STATE", runner.saveState, core.saveState],
    ] as const) {
      const mine = join(dir, `${variable}-kiln`);
      const other = join(dir, `${variable}-core`);
      writeFileSync(mine, "");
      writeFileSync(other, "");
      for (const value of awkward) {
        process.env[variable] = mine;
        ours("name", value);
        process.env[variable] = other;
        theirs("name", value);
      }
      expect(parse(readFileSync(mine, "utf8"))).toBe(parse(readFileSync(other, "utf8")));
      expect(readFileSync(mine, "utf8")).toContain("name<<ghadelimiter_");
    }
  });

  it("outputs and state as legacy commands when the runner names no file", () => {
    delete process.env["GITHUB_OUTPUT"];
    delete process.env["GITHUB_STATE"];
    for (const value of awkward) {
      expect(stdoutOf(() => runner.setOutput("digest", value))).toBe(stdoutOf(() => core.setOutput("digest", value)));
      expect(stdoutOf(() => runner.saveState("cleanup", value))).toBe(stdoutOf(() => core.saveState("cleanup", value)));
    }
  });

  it("the job summary is appended to, as core.summary.addRaw(...).write() does", async () => {
    const mine = join(dir, "summary-kiln");
    const other = join(dir, "summary-core");
    writeFileSync(mine, "earlier step\n");
    writeFileSync(other, "earlier step\n");
    process.env["GITHUB_STEP_SUMMARY"] = mine;
    runner.appendSummary("## Kiln\n| a | b |\n");
    process.env["GITHUB_STEP_SUMMARY"] = other;
    await core.summary.addRaw("## Kiln\n| a | b |\n").write();
    expect(readFileSync(mine, "utf8")).toBe(readFileSync(other, "utf8"));
    delete process.env["GITHUB_STEP_SUMMARY"];
    expect(() => runner.appendSummary("x")).toThrow(/GITHUB_STEP_SUMMARY/);
  });
});
