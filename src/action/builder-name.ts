import { createHash } from "node:crypto";

/**
 * The docker-container builder's name for this step: `kiln_<job>_<hash>`, the hash over the repository, the job,
 * the step (GITHUB_ACTION is unique per step: `__owner_repo`, `__owner_repo_2` for a second use, or the step id)
 * and the runner (RUNNER_NAME). A runner runs one job at a time, so two builds that run at once never share a
 * name, even matrix legs of one job on runners that share a Docker daemon: none can remove another's builder
 * in its post step. A rerun of the same step on the same runner gets the same name and reuses a builder kept
 * with `cleanup: false`.
 */
export function builderNameFor(env: NodeJS.ProcessEnv): string {
  const job = (env["GITHUB_JOB"] || "job").replace(/[^a-zA-Z0-9_.-]/g, "_").slice(0, 40);
  const key = ["GITHUB_REPOSITORY", "GITHUB_JOB", "GITHUB_ACTION", "RUNNER_NAME"].map((k) => env[k] ?? "").join("\n");
  return `kiln_${job}_${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}
