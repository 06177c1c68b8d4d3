import { createHash } from "node:crypto";
import type { BuildPlan } from "../plan/index.js";

/**
 * A short id for what this step builds, telling the legs of a matrix job apart. GitHub gives an action nothing
 * that differs between legs (GITHUB_JOB, GITHUB_ACTION and the run id are the same for every leg; the matrix
 * values are not in the environment), so the id is a hash of the inputs legs differ in: platforms, target,
 * context, Dockerfile, build arguments and the builder. Tags are left out, and so is any build argument naming the
 * commit: both change with every push, and the id must not (it names the pull-request comment and the local-cache
 * keys that later runs look up).
 */
export function matrixLegId(plan: BuildPlan, commitSha: string | undefined): string {
  const sha = commitSha && commitSha.length >= 7 ? commitSha.slice(0, 7) : undefined;
  const buildArgs = Object.entries(plan.buildArgs)
    .filter(([, value]) => sha === undefined || !value.includes(sha))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const identity = JSON.stringify([
    plan.platforms,
    plan.target ?? "",
    plan.context,
    plan.dockerfile,
    buildArgs,
    plan.builder,
    plan.nodes,
  ]);
  return createHash("sha256").update(identity).digest("hex").slice(0, 12);
}
