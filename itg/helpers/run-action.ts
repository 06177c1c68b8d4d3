import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackEnv, REPO_ROOT } from "./stack-env.js";

export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  /** What the step saved for its post step, as the runner passes it back (STATE_<name>). */
  readonly state: Record<string, string>;
  readonly summary: string;
}

/** Parses GITHUB_OUTPUT / GITHUB_STATE files: `name<<delimiter\nvalue\ndelimiter` blocks (actions/toolkit file commands). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const [, name, delimiter] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    out[name!] = value.join("\n");
  }
  return out;
}

/** The inputs action.yml gives a default, as the runner passes them (expression defaults left out). */
export async function actionDefaults(): Promise<Record<string, string>> {
  const text = await readFile(join(REPO_ROOT, "action.yml"), "utf8");
  const defaults: Record<string, string> = {};
  let input: string | undefined;
  for (const line of text.split("\n")) {
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)?.[1];
    if (name !== undefined) input = name;
    const value = /^ {4}default:\s*"?([^"$]*)"?\s*$/.exec(line)?.[1];
    if (input !== undefined && value !== undefined && !line.includes("${{")) defaults[input] = value;
    if (/^\S/.test(line)) input = undefined;
  }
  return defaults;
}

/** The file commands' files of one step, in its runner directory. */
export function runnerFiles(dir: string): { GITHUB_OUTPUT: string; GITHUB_STATE: string; GITHUB_STEP_SUMMARY: string } {
  return {
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STATE: join(dir, "state"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
  };
}

/**
 * The environment the runner gives one step in `dir`: inputs as INPUT_<NAME> (upper-cased, dashes kept), state as
 * STATE_<name>, empty file-command files in GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY (written here), the
 * runner's GITHUB_* variables; `env` goes over them (GITHUB_WORKSPACE, DOCKER_HOST, ...).
 */
export async function runnerStepEnv(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  state: Record<string, string> = {},
): Promise<Record<string, string>> {
  const files = runnerFiles(dir);
  for (const f of Object.values(files)) await writeFile(f, "");
  const runnerEnv: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? "/root",
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: "true",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: "kiln-dev/kiln",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "contract",
    GITHUB_JOB: "build",
    GITHUB_REF: "refs/heads/main",
    GITHUB_REF_NAME: "main",
    GITHUB_EVENT_NAME: "push",
    ...files,
    ...env,
  };
  for (const [name, value] of Object.entries(inputs))
    runnerEnv[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(state)) runnerEnv[`STATE_${name}`] = value;
  return runnerEnv;
}

/**
 * Runs a bundle named in action.yml the way the runner does, with the runner's Node.js 24, in the environment
 * {@link runnerStepEnv} gives a step.
 */
export async function runAction(
  entry: "main" | "post",
  inputs: Record<string, string>,
  env: Record<string, string>,
  state: Record<string, string> = {},
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-runner-"));
  const files = runnerFiles(dir);
  const runnerEnv = await runnerStepEnv(dir, inputs, env, state);
  // KILN_ACTION_DIST: a copy of dist/ to run instead, for when another build is rewriting the checkout's dist/.
  const script = join(process.env["KILN_ACTION_DIST"] || join(REPO_ROOT, "dist"), entry, "index.js");
  const node = (await loadStackEnv()).KILN_RUNNER_NODE;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      node,
      [script],
      { env: runnerEnv, cwd: env["GITHUB_WORKSPACE"] ?? dir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, "utf8")),
    state: parseFileCommands(await readFile(files.GITHUB_STATE, "utf8")),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, "utf8"),
  };
}
