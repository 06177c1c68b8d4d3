import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { withDeadline } from "./with-deadline.js";
import { RegistryError } from "./registry-error.js";
import { messageOf } from "../shared/message-of.js";

/** One `auths` entry of docker's config.json (docker/cli cli/config/types/authconfig.go). */
export interface DockerAuthEntry {
  /** base64 of `username:password`. */
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  /** An OAuth refresh token for the registry's token server, written by `docker login` for some registries. */
  readonly identitytoken?: string;
}

/** The parts of docker's config.json that hold registry credentials (docker/cli cli/config/configfile/file.go). */
export interface DockerConfig {
  readonly auths?: Readonly<Record<string, DockerAuthEntry>>;
  /** Credential helper per registry host: `{ "gcr.io": "gcloud" }` runs `docker-credential-gcloud`. */
  readonly credHelpers?: Readonly<Record<string, string>>;
  /** Default credential helper for every registry: `desktop` runs `docker-credential-desktop`. */
  readonly credsStore?: string;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json` (docker/cli cli/config/config.go `Dir`). */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const dir = env["DOCKER_CONFIG"];
  return join(dir !== undefined && dir !== "" ? dir : join(home, ".docker"), "config.json");
}

/** Reads docker's config.json. A missing file is an empty config, as for docker; malformed JSON is `invalid`. */
export async function readDockerConfig(
  path: string,
  options: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {},
): Promise<DockerConfig> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = withDeadline(options.signal, timeoutMs);
  let text: string;
  try {
    text = await readFile(path, { encoding: "utf8", signal: deadline.signal });
  } catch (err: unknown) {
    if (typeof err === "object" && err !== null && "code" in err && err.code === "ENOENT") return {};
    const cause = deadline.signal.aborted ? deadline.abortError() : err;
    const reason = messageOf(cause);
    throw new RegistryError(`failed to read docker config ${path}: ${reason}`, "unavailable", { cause });
  }
  try {
    return toDockerConfig(JSON.parse(text));
  } catch (err: unknown) {
    const reason = messageOf(err);
    throw new RegistryError(`failed to read docker config ${path}: ${reason}`, "invalid", { cause: err });
  }
}

/** Checks the shape of a parsed config.json, keeping only the credential fields. */
export function toDockerConfig(json: unknown): DockerConfig {
  if (!isRecord(json)) throw new Error("expected a JSON object");
  const auths: Record<string, DockerAuthEntry> = {};
  for (const [key, entry] of Object.entries(isRecord(json["auths"]) ? json["auths"] : {})) {
    if (!isRecord(entry)) throw new Error(`auths[${JSON.stringify(key)}] is not an object`);
    const picked: Record<string, string> = {};
    for (const field of ["auth", "username", "password", "identitytoken"] as const) {
      const value = entry[field];
      if (typeof value === "string" && value !== "") picked[field] = value;
    }
    auths[key] = picked;
  }
  const credHelpers: Record<string, string> = {};
  for (const [key, helper] of Object.entries(isRecord(json["credHelpers"]) ? json["credHelpers"] : {})) {
    if (typeof helper !== "string") throw new Error(`credHelpers[${JSON.stringify(key)}] is not a string`);
    credHelpers[key] = helper;
  }
  const credsStore = json["credsStore"];
  return {
    auths,
    credHelpers,
    ...(typeof credsStore === "string" && credsStore !== "" ? { credsStore } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
