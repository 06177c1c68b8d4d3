// Native multi-platform across jobs: fan-out legs push their platform by digest and write a part record; the fan-in
// joins every part into one index and tags it. Files for the CLI, artifacts for the action (src/action/fan-artifacts.ts).
export { PART_RECORD_KIND, parsePartRecord, partName, type PartRecord } from "./part-record.js";
export { currentCommit, fanOutInput, partRecordOf } from "./fan-out.js";
export { selectParts, type FoundPart, type SelectPartsOptions } from "./select-parts.js";
export { fanIn, type FanInOptions, type FanInResult } from "./fan-in.js";
export { fanInAnnotations, type FanInAnnotations } from "./fan-in-annotations.js";
export { readPartDir, runFanIn, writePartFile, type FanInRequest } from "./part-files.js";
export { renderFanInSummary, renderLegSummary } from "./fan-summary.js";
