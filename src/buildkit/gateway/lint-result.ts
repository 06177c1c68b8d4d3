/**
 * The Dockerfile frontend's answer to the `frontend.lint` subrequest (`call: check`), decoded from the result
 * metadata: "result.json" holds moby/buildkit frontend/subrequests/lint LintResults (warnings, the sources they
 * point into, and a build error when the Dockerfile cannot be checked at all); "result.statuscode" is what buildx
 * exits with (1 when there is a warning or an error).
 */

/** Where a finding or error points: the file as the frontend names it ("Dockerfile") and 1-based lines. */
export interface CheckLocation {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface CheckFinding {
  /** The rule's name, e.g. "FromAsCasing". */
  readonly rule: string;
  readonly description: string;
  /** The rule's documentation page. */
  readonly url: string;
  /** What is wrong at this place, e.g. "'as' and 'FROM' keywords' casing do not match (line 1)". */
  readonly detail: string;
  readonly location?: CheckLocation;
}

export interface CheckResult {
  readonly findings: readonly CheckFinding[];
  /** Set when the frontend could not check the Dockerfile (e.g. a parse error). */
  readonly error?: { readonly message: string; readonly location?: CheckLocation };
  /** The subrequest's status code: 0 for a clean check. */
  readonly statusCode: number;
}

interface JsonLocation {
  sourceIndex?: number;
  ranges?: { start?: { line?: number }; end?: { line?: number } }[];
}

interface JsonLintResults {
  warnings?: { ruleName?: string; description?: string; url?: string; detail?: string; location?: JsonLocation }[];
  sources?: ({ filename?: string } | null)[];
  buildError?: { message?: string; location?: JsonLocation };
}

export function decodeLintResult(metadata: Readonly<Record<string, Uint8Array>>): CheckResult {
  const json = metadata["result.json"];
  if (json === undefined) {
    // A frontend that does not know the subrequest answers with a build, not with result.json.
    throw new Error("the Dockerfile frontend returned no check result (result.json); it may predate build checks");
  }
  let parsed: JsonLintResults;
  try {
    parsed = JSON.parse(Buffer.from(json).toString("utf8")) as JsonLintResults;
  } catch (err) {
    throw new Error(`the Dockerfile frontend's check result is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const sources = parsed.sources ?? [];
  const locate = (l: JsonLocation | undefined): CheckLocation | undefined => {
    // Go omits a zero sourceIndex from the JSON; a negative one means the finding points at no file.
    const index = l?.sourceIndex ?? 0;
    const file = index >= 0 ? sources[index]?.filename : undefined;
    const lines = (l?.ranges ?? []).flatMap((r) => [r.start?.line, r.end?.line]).filter((n) => typeof n === "number");
    if (file === undefined || file === "" || lines.length === 0) return undefined;
    return { file, startLine: Math.min(...lines), endLine: Math.max(...lines) };
  };
  const findings = (parsed.warnings ?? []).map((w): CheckFinding => {
    const location = locate(w.location);
    return {
      rule: w.ruleName ?? "",
      description: w.description ?? "",
      url: w.url ?? "",
      detail: w.detail ?? "",
      ...(location ? { location } : {}),
    };
  });
  const status = Number(Buffer.from(metadata["result.statuscode"] ?? new Uint8Array()).toString("utf8"));
  const error = parsed.buildError;
  const errorLocation = locate(error?.location);
  return {
    findings,
    ...(error
      ? { error: { message: error.message ?? "", ...(errorLocation ? { location: errorLocation } : {}) } }
      : {}),
    // Older frontends send no status code: buildx's rule (a warning or an error fails) stands in for it.
    statusCode:
      Number.isInteger(status) && metadata["result.statuscode"] ? status : findings.length > 0 || error ? 1 : 0,
  };
}
