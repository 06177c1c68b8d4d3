import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { parseStepTimes, serializeStepTimes, type StepTimes } from "../progress/step-times.js";
import type { BuilderSpec } from "../builder/index.js";

/**
 * Which builder a step-times record belongs to: the driver and where it runs. Durations measured on one builder say
 * little about another (a laptop's daemon, a remote farm), so each gets its own record.
 */
export function builderScope(builder: BuilderSpec, env: NodeJS.ProcessEnv, builderName = "kiln"): string {
  switch (builder.driver) {
    case "docker":
      return `docker ${builder.dockerHost ?? env["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"}`;
    case "docker-container":
      return `docker-container ${builderName} ${builder.dockerHost ?? env["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"}`;
    case "remote":
      return `remote ${builder.endpoint}`;
  }
}

/** First 16 hex digits of the sha256 of a scope: a file name or cache key part that reveals no host names. */
export function scopeId(scope: string): string {
  return createHash("sha256").update(scope).digest("hex").slice(0, 16);
}

/**
 * `$XDG_CACHE_HOME/kiln/step-times/<scope id>.json`, `~/.cache/kiln/...` when XDG_CACHE_HOME is unset or relative
 * (the XDG base directory spec says to ignore relative paths).
 */
export function stepTimesFile(env: NodeJS.ProcessEnv, scope: string): string {
  const xdg = env["XDG_CACHE_HOME"];
  const base = xdg && isAbsolute(xdg) ? xdg : join(env["HOME"] || homedir(), ".cache");
  return join(base, "kiln", "step-times", `${scopeId(scope)}.json`);
}

/** The record in `path`; empty when there is none yet. Rejects only when the file exists and cannot be read. */
export async function readStepTimesFile(path: string): Promise<StepTimes> {
  try {
    return parseStepTimes(await readFile(path, "utf8"));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw new Error(`failed to read step times from ${path}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Writes the record through a temporary file and a rename, so a concurrent build on the same builder reads the old
 * record or the new one, never half of one (the last writer wins).
 */
export async function writeStepTimesFile(path: string, times: StepTimes): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, serializeStepTimes(times));
    await rename(temp, path);
  } catch (cause) {
    throw new Error(`failed to write step times to ${path}: ${(cause as Error).message}`, { cause });
  }
}
