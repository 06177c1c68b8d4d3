// The pipeline both entry points run: open the builder, solve, verify by reading the push back, outputs, summary,
// failure description. No @actions/*: the action and the CLI hand in hooks for logging, state and caches.
export {
  runPipeline,
  type PipelineHooks,
  type PipelineRequest,
  type PipelineResult,
  type StepTimesStore,
} from "./pipeline.js";
export type { BuildOutcome } from "./run-build.js";
export type { Failure } from "./report-failure.js";
export { renderFailureSummary, renderSummary, summaryEnabled, type SummaryTarget } from "./summary.js";
export { builderScope, readStepTimesFile, stepTimesFile, writeStepTimesFile } from "./step-times-file.js";
