// Loads the real test stack's settings (.stack/env.json, written by scripts/stack-up.sh) and checks that its
// Docker daemon answers. Integration tests never skip: without the stack they fail and say how to start it.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const STACK_ENV_PATH = path.join(REPO_ROOT, ".stack", "env.json");
const START_HINT = "start the test stack with `bash scripts/stack-up.sh` (as root on a Debian 12 machine)";

export interface StackEnv {
  DOCKER_HOST: string;
  KILN_STACK_MODE: string;
  KILN_REGISTRY: string;
  KILN_AUTH_REGISTRY: string;
  KILN_AUTH_USER: string;
  KILN_AUTH_PASSWORD: string;
  KILN_TLS_REGISTRY: string;
  KILN_TLS_CA: string;
  KILN_TLS_CLIENT_CERT: string;
  KILN_TLS_CLIENT_KEY: string;
  KILN_BASE_IMAGE: string;
  KILN_SBOM_GENERATOR: string;
  KILN_AZURITE_URL: string;
  KILN_AZURITE_ACCOUNT: string;
  KILN_AZURITE_KEY: string;
  KILN_S3_ENDPOINT: string;
  KILN_S3_BUCKET: string;
  KILN_S3_REGION: string;
  KILN_S3_ACCESS_KEY: string;
  KILN_S3_SECRET_KEY: string;
  /** The GitHub results service emulator (scripts/stack/github-emulator.mjs), e.g. http://127.0.0.1:10090/. */
  KILN_GH_RESULTS_URL: string;
  /** HS256 secret the emulator verifies runtime tokens with (itg/helpers/github-runner.ts mints them). */
  KILN_GH_TOKEN_SECRET: string;
  /** The standalone BuildKit's version, e.g. "v0.26.3". */
  KILN_BUILDKIT_VERSION: string;
  /** The standalone buildkitd's unix socket (no TLS), e.g. "unix:///run/kiln-stack/buildkitd.sock". */
  KILN_BUILDKIT_HOST: string;
  /** The same buildkitd on loopback TCP with mTLS, e.g. "tcp://127.0.0.1:1234" (server cert: 127.0.0.1, localhost). */
  KILN_BUILDKIT_TCP: string;
  /** Client side of KILN_BUILDKIT_TCP: the CA that issued the server certificate, a client certificate and key. */
  KILN_BUILDKIT_TLS_CA: string;
  KILN_BUILDKIT_TLS_CERT: string;
  KILN_BUILDKIT_TLS_KEY: string;
  /** Absolute paths of the same version's buildctl (the reference client) and buildkitd. */
  KILN_BUILDCTL: string;
  KILN_BUILDKITD: string;
  /** A moby/buildkit-like image of the same binaries in the plain registry, pinned: "<ref>@sha256:...". */
  KILN_BUILDKIT_IMAGE: string;
  /**
   * The plain registry under a non-loopback name (an /etc/hosts alias for 127.0.0.1), "kiln-registry.test:5000".
   * The standalone buildkitd is not told it is plain HTTP.
   */
  KILN_REGISTRY_ALIAS: string;
  /** The official Node.js 24 build GitHub's runner starts the action with (scripts/stack/runner-node.sh). */
  KILN_RUNNER_NODE: string;
}

const REQUIRED_KEYS = [
  "DOCKER_HOST",
  "KILN_REGISTRY",
  "KILN_AUTH_REGISTRY",
  "KILN_AUTH_USER",
  "KILN_AUTH_PASSWORD",
  "KILN_TLS_REGISTRY",
  "KILN_TLS_CA",
  "KILN_TLS_CLIENT_CERT",
  "KILN_TLS_CLIENT_KEY",
  "KILN_BASE_IMAGE",
  "KILN_SBOM_GENERATOR",
  "KILN_AZURITE_URL",
  "KILN_S3_ENDPOINT",
  "KILN_S3_BUCKET",
  "KILN_S3_ACCESS_KEY",
  "KILN_S3_SECRET_KEY",
  "KILN_GH_RESULTS_URL",
  "KILN_GH_TOKEN_SECRET",
  "KILN_BUILDKIT_VERSION",
  "KILN_BUILDKIT_HOST",
  "KILN_BUILDKIT_TCP",
  "KILN_BUILDKIT_TLS_CA",
  "KILN_BUILDKIT_TLS_CERT",
  "KILN_BUILDKIT_TLS_KEY",
  "KILN_BUILDCTL",
  "KILN_BUILDKITD",
  "KILN_BUILDKIT_IMAGE",
  "KILN_REGISTRY_ALIAS",
  "KILN_RUNNER_NODE",
] as const satisfies readonly (keyof StackEnv)[];

export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; rejects with its stderr in the message. */
export function run(
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: 64 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) {
          const tail = stderr.split("\n").slice(-40).join("\n");
          reject(new Error(`${file} ${args.join(" ")} failed: ${error.message}\n${tail}`, { cause: error }));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

/** process.env with the stack's DOCKER_HOST (for the docker CLI and Kiln's Docker client). */
export function stackProcessEnv(env: StackEnv): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: env.DOCKER_HOST };
}

/** Runs the docker CLI against the stack's daemon. */
export function docker(env: StackEnv, args: readonly string[], timeoutMs = 600_000): Promise<ExecResult> {
  return run("docker", args, { env: stackProcessEnv(env), timeoutMs });
}

let loaded: Promise<StackEnv> | undefined;

/** Reads .stack/env.json once per test file and verifies the daemon (containerd image store) answers. */
export function loadStackEnv(): Promise<StackEnv> {
  loaded ??= load();
  return loaded;
}

/**
 * The settings scripts/stack-up.sh wrote to .stack/env.json, with each of `keys` present and non-empty; fails
 * saying how to start the stack otherwise.
 */
export async function readStackJson<K extends string>(keys: readonly K[]): Promise<Record<K, string>> {
  let text: string;
  try {
    text = await readFile(STACK_ENV_PATH, "utf8");
  } catch (error) {
    throw new Error(`${STACK_ENV_PATH} is missing: ${START_HINT}`, { cause: error });
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null) throw new Error(`${STACK_ENV_PATH} is not a JSON object`);
  const record = parsed as Record<string, unknown>;
  const missing = keys.filter((key) => typeof record[key] !== "string" || record[key] === "");
  if (missing.length > 0) {
    throw new Error(`${STACK_ENV_PATH} lacks ${missing.join(", ")}: re-run \`bash scripts/stack-up.sh\``);
  }
  return record as Record<K, string>;
}

async function load(): Promise<StackEnv> {
  const env = (await readStackJson(REQUIRED_KEYS)) as unknown as StackEnv;
  let driverStatus: string;
  try {
    driverStatus = (await docker(env, ["info", "--format", "{{json .DriverStatus}}"], 30_000)).stdout;
  } catch (error) {
    throw new Error(`the Docker daemon at ${env.DOCKER_HOST} is unreachable: ${START_HINT}`, { cause: error });
  }
  if (!driverStatus.includes("io.containerd.snapshotter.v1")) {
    throw new Error(`the Docker daemon at ${env.DOCKER_HOST} does not use the containerd image store: ${START_HINT}`);
  }
  return env;
}

/** A tag unique to this run, safe for registry references. */
export function uniqueTag(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
