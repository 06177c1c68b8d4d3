import { relative } from "node:path";
import { BuildkitError } from "../buildkit/index.js";
import type { FailedStep } from "../progress/build-record.js";
import type { ExcerptLine } from "./dockerfile-excerpt.js";
import { InputError, InputErrors } from "../plan/input-error.js";
import { messageOf } from "../shared/message-of.js";
import { entitlementHint } from "./entitlement-hint.js";
import { registryHint } from "./registry-hint.js";

/** Where a Dockerfile error annotation points, relative to the workspace as GitHub expects. */
export interface AnnotationTarget {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface Failure {
  readonly message: string;
  /** The action input a bad-input failure is about, so the CLI can name its flag instead. */
  readonly input?: string;
  readonly annotation?: AnnotationTarget;
}

/** What a failed build's summary shows beside the error lines, when the build got that far. */
export interface FailureDetails {
  /** The step that failed and its last log lines. */
  readonly step?: FailedStep;
  /** The Dockerfile around the failing instruction, when the error points into it (`file` as the annotation has it). */
  readonly excerpt?: { readonly file: string; readonly lines: readonly ExcerptLine[] };
}

/**
 * Turns whatever stopped the build into one line per problem, never a stack: input errors one per input,
 * Dockerfile errors with file and line. `dockerfilePath` maps the daemon's file name back to the repository.
 */
export function describeFailure(err: unknown, context: { workspace: string; dockerfilePath?: string }): Failure[] {
  if (err instanceof InputErrors) return err.errors.map((e) => ({ message: e.message, input: e.input }));
  if (err instanceof InputError) return [{ message: err.message, input: err.input }];
  const raw = oneLine(messageOf(err));
  const hint = registryHint(raw) ?? entitlementHint(raw);
  const message = hint === undefined ? raw : `${raw}: ${hint}`;
  if (err instanceof BuildkitError && err.source) {
    const file = context.dockerfilePath ? relative(context.workspace, context.dockerfilePath) : err.source.filename;
    return [{ message, annotation: { file, startLine: err.source.startLine, endLine: err.source.endLine } }];
  }
  return [{ message }];
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
