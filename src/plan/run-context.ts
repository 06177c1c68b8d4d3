import type { GhaCacheVars } from "./cache/gha-cache-env.js";
import type { AwsEnv, AzureEnv } from "./cache/parse-cache-spec.js";

/** The run on GitHub: for the provenance's builder id, gha cache scopes and `{{defaultContext}}`. */
export interface GitHubRun {
  /** `https://github.com` (GITHUB_SERVER_URL). */
  readonly serverUrl?: string;
  /** `owner/repo` (GITHUB_REPOSITORY). */
  readonly repository?: string;
  readonly runId?: string;
  readonly runAttempt?: string;
  /** `refs/heads/main` (GITHUB_REF) and `main` (GITHUB_REF_NAME). */
  readonly ref?: string;
  readonly refName?: string;
  readonly sha?: string;
  /** The workflow's name (GITHUB_WORKFLOW). */
  readonly workflow?: string;
  /** `push`, `pull_request`, ... (GITHUB_EVENT_NAME). */
  readonly eventName?: string;
}

/**
 * What the runner's environment provides, gathered at the edge (see {@link runContextFromEnv}) so that planning
 * reads nothing itself.
 */
export interface RunContext {
  /** Relative paths in inputs are resolved against this (GITHUB_WORKSPACE, else the working directory). */
  readonly workspace: string;
  /** A directory for files the build writes and the job discards (RUNNER_TEMP, else the OS's). */
  readonly tempDir: string;
  /** Commit time of the checked-out HEAD in Unix seconds, the default SOURCE_DATE_EPOCH. */
  readonly headCommitTime?: number;
  /**
   * False when the workspace holds no checkout: no `.git` and not the Dockerfile to build. Then, without a `context`
   * input, the build uses the Git context of the commit, as build-push-action does. Undefined is taken as a checkout.
   */
  readonly workspaceHasCheckout?: boolean;
  /** The environment's SOURCE_DATE_EPOCH, as written. */
  readonly sourceDateEpoch?: string;
  readonly github: GitHubRun;
  readonly ghaCache: GhaCacheVars;
  readonly aws: AwsEnv;
  readonly azure: AzureEnv;
  readonly sshAuthSock?: string;
  /** Looks up an environment variable, for `secret-envs`; its value is read again when the daemon asks. */
  readonly lookupEnv: (name: string) => string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const pick = <K extends string>(env: Env, keys: readonly K[]): { [P in K]?: string } => {
  const out: { [P in K]?: string } = {};
  for (const k of keys) {
    const v = env[k];
    if (v !== undefined && v !== "") out[k] = v;
  }
  return out;
};

/**
 * Gathers a {@link RunContext} from an environment such as `process.env`; the caller supplies what needs I/O
 * (the HEAD commit time from `git log -1 --format=%ct`) and the fallbacks for workspace and temp directory.
 */
export function runContextFromEnv(
  env: Env,
  options: {
    readonly cwd: string;
    readonly tmpdir: string;
    readonly headCommitTime?: number;
    readonly workspaceHasCheckout?: boolean;
  },
): RunContext {
  const github: GitHubRun = {
    ...(env["GITHUB_SERVER_URL"] ? { serverUrl: env["GITHUB_SERVER_URL"] } : {}),
    ...(env["GITHUB_REPOSITORY"] ? { repository: env["GITHUB_REPOSITORY"] } : {}),
    ...(env["GITHUB_RUN_ID"] ? { runId: env["GITHUB_RUN_ID"] } : {}),
    ...(env["GITHUB_RUN_ATTEMPT"] ? { runAttempt: env["GITHUB_RUN_ATTEMPT"] } : {}),
    ...(env["GITHUB_REF"] ? { ref: env["GITHUB_REF"] } : {}),
    ...(env["GITHUB_REF_NAME"] ? { refName: env["GITHUB_REF_NAME"] } : {}),
    ...(env["GITHUB_SHA"] ? { sha: env["GITHUB_SHA"] } : {}),
    ...(env["GITHUB_WORKFLOW"] ? { workflow: env["GITHUB_WORKFLOW"] } : {}),
    ...(env["GITHUB_EVENT_NAME"] ? { eventName: env["GITHUB_EVENT_NAME"] } : {}),
  };
  return {
    workspace: env["GITHUB_WORKSPACE"] || options.cwd,
    tempDir: env["RUNNER_TEMP"] || options.tmpdir,
    ...(options.headCommitTime === undefined ? {} : { headCommitTime: options.headCommitTime }),
    ...(options.workspaceHasCheckout === undefined ? {} : { workspaceHasCheckout: options.workspaceHasCheckout }),
    ...(env["SOURCE_DATE_EPOCH"] === undefined ? {} : { sourceDateEpoch: env["SOURCE_DATE_EPOCH"] }),
    github,
    ghaCache: pick(env, [
      "ACTIONS_CACHE_URL",
      "ACTIONS_RESULTS_URL",
      "ACTIONS_RUNTIME_TOKEN",
      "ACTIONS_CACHE_SERVICE_V2",
    ]),
    aws: pick(env, [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "AWS_BUCKET",
      "AWS_ENDPOINT_URL_S3",
      "AWS_ENDPOINT_URL",
    ]),
    azure: pick(env, [
      "BUILDKIT_AZURE_STORAGE_ACCOUNT_URL",
      "BUILDKIT_AZURE_STORAGE_ACCOUNT_NAME",
      "AZURE_STORAGE_CONNECTION_STRING",
      "AZURE_STORAGE_ACCOUNT",
      "AZURE_STORAGE_KEY",
    ]),
    ...(env["SSH_AUTH_SOCK"] ? { sshAuthSock: env["SSH_AUTH_SOCK"] } : {}),
    lookupEnv: (name) => env[name],
  };
}
