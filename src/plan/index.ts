// Inputs (plain strings) -> a validated, immutable BuildPlan, and the plan -> BuildKit solve attributes. Pure but
// for reading the files an input names; grouped by feature.
export { planBuild, type BuildPlan } from "./plan.js";
export type * from "./plan.js";
export { readInputs, INPUT_NAMES, type ActionInputs } from "./inputs.js";
export { runContextFromEnv, type RunContext, type GitHubRun } from "./run-context.js";
export { InputError, InputErrors } from "./input-error.js";
export { dockerfilePath } from "./context/dockerfile-path.js";
export { toSolveDefinition, type SolvePieces, type DaemonTraits } from "./solve-definition.js";
export { cacheCredentials } from "./cache/cache-credentials.js";
export { ghaCacheWarning, usesGhaCache } from "./cache/gha-buildkit-version.js";
export { parseBool } from "./values/parse-bool.js";
