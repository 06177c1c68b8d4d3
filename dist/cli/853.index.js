export const id = 853;
export const ids = [853];
export const modules = {

/***/ 1853:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decodeLintResult: () => (/* binding */ decodeLintResult)
/* harmony export */ });
/**
 * The Dockerfile frontend's answer to the `frontend.lint` subrequest (`call: check`), decoded from the result
 * metadata: "result.json" holds moby/buildkit frontend/subrequests/lint LintResults (warnings, the sources they
 * point into, and a build error when the Dockerfile cannot be checked at all); "result.statuscode" is what buildx
 * exits with (1 when there is a warning or an error).
 */
function decodeLintResult(metadata) {
    const json = metadata["result.json"];
    if (json === undefined) {
        // A frontend that does not know the subrequest answers with a build, not with result.json.
        throw new Error("the Dockerfile frontend returned no check result (result.json); it may predate build checks");
    }
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(json).toString("utf8"));
    }
    catch (err) {
        throw new Error(`the Dockerfile frontend's check result is not JSON: ${err.message}`, { cause: err });
    }
    const sources = parsed.sources ?? [];
    const locate = (l) => {
        // Go omits a zero sourceIndex from the JSON; a negative one means the finding points at no file.
        const index = l?.sourceIndex ?? 0;
        const file = index >= 0 ? sources[index]?.filename : undefined;
        const lines = (l?.ranges ?? []).flatMap((r) => [r.start?.line, r.end?.line]).filter((n) => typeof n === "number");
        if (file === undefined || file === "" || lines.length === 0)
            return undefined;
        return { file, startLine: Math.min(...lines), endLine: Math.max(...lines) };
    };
    const findings = (parsed.warnings ?? []).map((w) => {
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
        statusCode: Number.isInteger(status) && metadata["result.statuscode"] ? status : findings.length > 0 || error ? 1 : 0,
    };
}


/***/ })

};
