import { join } from "node:path";
import type { BuildPlan } from "../plan.js";

/** The Dockerfile's path on disk, for annotations; undefined when it comes from a remote context. */
export function dockerfilePath(plan: BuildPlan): string | undefined {
  if (plan.dockerfile.kind === "local") return join(plan.dockerfile.dir, plan.dockerfile.filename);
  return plan.context.kind === "local" ? join(plan.context.dir, plan.dockerfile.filename) : undefined;
}
