import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The parts of the test stack (.stack/env.json, written by scripts/stack-up.sh) the bench uses. */
export interface StackConfig {
  readonly dockerHost: string;
  /** The stack's second dockerd: the bootstrap scenario's builders run there, away from everyone's `kiln` builder. */
  readonly secondDockerHost: string;
  /** host:port of the plain-HTTP registry pushes go to. */
  readonly registry: string;
  /** Two-platform (amd64 + arm64) base image in that registry. */
  readonly baseImage: string;
  /** Scanner image for SBOM attestations, so no side pulls BuildKit's default scanner from Docker Hub. */
  readonly sbomGenerator: string;
  /** The stack's standalone BuildKit release: buildkitd (the bench starts its own) and buildctl. */
  readonly buildkitd: string;
  readonly buildctl: string;
  /** The stack's own buildkitd of that release (unix socket). */
  readonly buildkitHost: string;
  /** moby/buildkit-like image of the same release in the local registry, for docker-container builders. */
  readonly buildkitImage: string;
  /** The official Node.js 24 build GitHub's runner starts actions with (scripts/stack/runner-node.sh). */
  readonly runnerNode: string;
}

const hint = "start the stack with `bash scripts/stack-up.sh` (npm run bench does)";

export async function loadStackConfig(repoRoot: string): Promise<StackConfig> {
  const path = join(repoRoot, ".stack", "env.json");
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`failed to read ${path}: ${hint}`, { cause: error });
  }
  const get = (key: string): string => {
    const v = record[key];
    if (typeof v !== "string" || v === "") throw new Error(`${path} lacks ${key}: ${hint}`);
    return v;
  };
  return {
    dockerHost: get("DOCKER_HOST"),
    secondDockerHost: get("KILN_DOCKER2_HOST"),
    registry: get("KILN_REGISTRY"),
    baseImage: get("KILN_BASE_IMAGE"),
    sbomGenerator: get("KILN_SBOM_GENERATOR"),
    buildkitd: get("KILN_BUILDKITD"),
    buildctl: get("KILN_BUILDCTL"),
    buildkitHost: get("KILN_BUILDKIT_HOST"),
    buildkitImage: get("KILN_BUILDKIT_IMAGE"),
    runnerNode: get("KILN_RUNNER_NODE"),
  };
}
