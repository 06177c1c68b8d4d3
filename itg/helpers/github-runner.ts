// The environment a GitHub Actions runner gives a step, pointed at the stack's emulated results service
// (scripts/stack/github-emulator.mjs) instead of GitHub's. The runtime token is a JWT signed with the stack's
// secret (KILN_GH_TOKEN_SECRET) and carries the claims the clients read: `ac` (cache scopes, read by BuildKit's
// gha cache and enforced by the emulator), `scp` (Actions.Results:<run>:<job>, read by @actions/artifact), and
// `nbf`/`exp` (checked by BuildKit before any call).
import { createHmac, randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { readStackJson } from "./stack-env.js";

export const GITHUB_STACK_KEYS = ["KILN_GH_RESULTS_URL", "KILN_GH_TOKEN_SECRET"] as const;
export type GithubStack = Record<(typeof GITHUB_STACK_KEYS)[number], string>;

/** The emulator's URL and token secret from .stack/env.json. */
export function loadGithubStack(): Promise<GithubStack> {
  return readStackJson(GITHUB_STACK_KEYS);
}

/** A cache scope in the token's `ac` claim: Permission 1 = read, 2 = write, 3 = both (go-actions-cache). */
export interface CacheScope {
  Scope: string;
  Permission: number;
}

export interface RuntimeTokenClaims {
  scopes: readonly CacheScope[];
  runBackendId: string;
  jobBackendId: string;
  /** Seconds from now; default one hour. Negative for an expired token. */
  lifetimeSeconds?: number | undefined;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An HS256 JWT shaped like the Actions runtime token. */
export function mintRuntimeToken(secret: string, claims: RuntimeTokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ typ: "JWT", alg: "HS256" });
  const payload = base64url({
    nameid: "kiln-test-runner",
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${claims.runBackendId}:${claims.jobBackendId}`,
    ac: JSON.stringify(claims.scopes),
    iss: "kiln-github-emulator",
    aud: "vstoken.actions.githubusercontent.com",
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.lifetimeSeconds ?? 3600),
  });
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/**
 * The cache scopes GitHub grants a job: read+write on the ref the workflow runs for, read on the pull
 * request's base branch and on the default branch (docs: "Restrictions for accessing a cache").
 */
export function cacheScopesFor(ref: string, defaultBranch: string, baseRef?: string): CacheScope[] {
  const scopes: CacheScope[] = [{ Scope: ref, Permission: 3 }];
  for (const branch of [baseRef, defaultBranch]) {
    if (branch === undefined) continue;
    const scope = branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
    if (!scopes.some((s) => s.Scope === scope)) scopes.push({ Scope: scope, Permission: 1 });
  }
  return scopes;
}

export interface RunnerStepOptions {
  /** GITHUB_REF, e.g. refs/heads/feature-x or refs/pull/7/merge. */
  ref: string;
  /** The repository's default branch name (e.g. "main"). */
  defaultBranch: string;
  /** A pull request's base branch name (GITHUB_BASE_REF). */
  baseRef?: string;
  /** Directory for RUNNER_TEMP, GITHUB_WORKSPACE and the file commands; created. */
  dir: string;
  repository?: string;
  workflow?: string;
  job?: string;
  runId?: string;
  runAttempt?: number;
  sha?: string;
  /** Backend IDs in the token's scp claim: the same run ID lets jobs share artifacts. Default: fresh UUIDs. */
  runBackendId?: string;
  jobBackendId?: string;
  /** Overrides the scopes derived from ref/baseRef/defaultBranch. */
  scopes?: readonly CacheScope[];
  tokenLifetimeSeconds?: number | undefined;
}

export interface RunnerStep {
  /** Variables a runner sets for a step (merge over a clean base with `stepProcessEnv`). */
  env: Record<string, string>;
  token: string;
  runBackendId: string;
  jobBackendId: string;
  scopes: readonly CacheScope[];
}

/** The environment of one step of a job, with the temp/workspace directories and file-command files made. */
export async function runnerStep(stack: GithubStack, options: RunnerStepOptions): Promise<RunnerStep> {
  const runBackendId = options.runBackendId ?? randomUUID();
  const jobBackendId = options.jobBackendId ?? randomUUID();
  const scopes = options.scopes ?? cacheScopesFor(options.ref, options.defaultBranch, options.baseRef);
  const token = mintRuntimeToken(stack.KILN_GH_TOKEN_SECRET, {
    scopes,
    runBackendId,
    jobBackendId,
    lifetimeSeconds: options.tokenLifetimeSeconds,
  });
  const temp = path.join(options.dir, "temp");
  const workspace = path.join(options.dir, "workspace");
  const files = path.join(temp, "_runner_file_commands");
  await Promise.all([mkdir(workspace, { recursive: true }), mkdir(files, { recursive: true })]);
  const fileCommands: Record<string, string> = {};
  for (const name of ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY"]) {
    fileCommands[name] = path.join(files, name.toLowerCase());
    await writeFile(fileCommands[name], "");
  }
  const repository = options.repository ?? "kiln-test/kiln";
  const isPull = options.ref.startsWith("refs/pull/");
  const refName = options.ref.replace(/^refs\/(heads|tags)\//, "");
  const env: Record<string, string> = {
    CI: "true",
    GITHUB_ACTIONS: "true",
    ACTIONS_RESULTS_URL: stack.KILN_GH_RESULTS_URL,
    ACTIONS_RUNTIME_TOKEN: token,
    ACTIONS_CACHE_SERVICE_V2: "True",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "https://api.github.com",
    GITHUB_GRAPHQL_URL: "https://api.github.com/graphql",
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split("/")[0] ?? repository,
    GITHUB_REF: options.ref,
    GITHUB_REF_NAME: isPull ? options.ref.replace(/^refs\/pull\//, "") : refName,
    GITHUB_REF_TYPE: options.ref.startsWith("refs/tags/") ? "tag" : "branch",
    GITHUB_EVENT_NAME: isPull ? "pull_request" : "push",
    GITHUB_HEAD_REF: isPull ? "feature" : "",
    GITHUB_BASE_REF: isPull ? (options.baseRef ?? options.defaultBranch) : "",
    GITHUB_SHA: options.sha ?? "0123456789abcdef0123456789abcdef01234567",
    GITHUB_RUN_ID: options.runId ?? String(1_000_000 + Math.floor(Math.random() * 1_000_000)),
    GITHUB_RUN_NUMBER: "1",
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_WORKFLOW: options.workflow ?? "ci",
    GITHUB_JOB: options.job ?? "build",
    GITHUB_ACTOR: "kiln-test",
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: path.join(options.dir, "toolcache"),
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_NAME: "kiln-emulated-runner",
    RUNNER_ENVIRONMENT: "github-hosted",
    ...fileCommands,
  };
  return { env, token, runBackendId, jobBackendId, scopes };
}

/** process.env without any inherited runner variables, with the step's variables on top. */
export function stepProcessEnv(step: RunnerStep, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|ACTIONS_|RUNNER_|INPUT_|STATE_)/.test(name)) continue;
    base[name] = value;
  }
  return { ...base, ...step.env, ...extra };
}
