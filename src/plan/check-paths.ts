import { readFileSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { INPUT_NAMES as N } from "./inputs.js";
import { InputError, InputErrors, quote } from "./input-error.js";
import type { BuildPlan } from "./plan.js";

/**
 * The plan's local paths, checked before anything starts (planBuild itself stays pure): the context and named
 * context directories, the Dockerfile (a file, UTF-8) and each secret file. buildx refuses a missing secret file or
 * named context up front too; without this the daemon fails later with its own temp paths, or not at all when the
 * secret is unused. Throws one {@link InputErrors} with a line per problem.
 */
export function checkLocalPaths(plan: BuildPlan): void {
  const errors: InputError[] = [];
  if (plan.context.kind === "local") {
    const problem = dirProblem(plan.context.dir);
    if (problem)
      errors.push(new InputError(N.context, `expected a directory, got ${quote(plan.context.dir)}, ${problem}`));
  }
  if (plan.dockerfile.kind === "local" && (plan.context.kind !== "local" || !dirProblem(plan.context.dir))) {
    const path = join(plan.dockerfile.dir, plan.dockerfile.filename);
    const st = statOrUndefined(path);
    if (!st) errors.push(new InputError(N.file, `expected a Dockerfile, got ${quote(path)}, ${missing(path)}`));
    else if (st.isDirectory())
      errors.push(new InputError(N.file, `expected a Dockerfile, got ${quote(path)}, which is a directory`));
    else if (!isUtf8(path))
      errors.push(new InputError(N.file, `expected a UTF-8 text file, got ${quote(path)}, which is not valid UTF-8`));
  }
  for (const c of plan.namedContexts) {
    if (c.source.kind !== "local") continue;
    const problem = dirProblem(c.source.dir);
    if (problem)
      errors.push(
        new InputError(
          N.buildContexts,
          `expected a directory for ${quote(c.name)}, got ${quote(c.source.dir)}, ${problem}`,
        ),
      );
  }
  for (const s of plan.secrets) {
    if (s.source.kind !== "file") continue;
    const st = statOrUndefined(s.source.path);
    const problem = !st ? "which does not exist" : st.isDirectory() ? "which is a directory" : undefined;
    if (problem)
      errors.push(
        new InputError(
          N.secretFiles,
          `expected a file for secret ${quote(s.id)}, got ${quote(s.source.path)}, ${problem}`,
        ),
      );
  }
  if (errors.length > 0) throw new InputErrors(errors);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function dirProblem(dir: string): string | undefined {
  const st = statOrUndefined(dir);
  if (!st) return missing(dir);
  return st.isDirectory() ? undefined : "which is not a directory";
}

/**
 * Why a path is not there. Inputs and flags reach Node as UTF-8 text, so a name that is not UTF-8 arrives with its
 * bytes replaced by U+FFFD and can never be found: saying "does not exist" would send the user looking for a typo.
 */
export function missing(path: string): string {
  return path.includes("\uFFFD")
    ? "whose name is not valid UTF-8 (inputs are read as UTF-8 text, so Kiln cannot name it; rename it)"
    : "which does not exist";
}

function isUtf8(path: string): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
    return true;
  } catch {
    return false;
  }
}
