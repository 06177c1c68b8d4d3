import { statSync } from "node:fs";
import { resolve } from "node:path";
import { remoteKind } from "../plan/context/parse-context.js";
import { missing } from "../plan/check-paths.js";
import { CliError } from "./cli-error.js";

/**
 * Refuses, before anything is sent, a local context that is not a directory or (without `--file`) has no
 * Dockerfile: otherwise the whole directory (a home folder, say) would be transferred to the builder first and
 * the build would fail only then.
 */
export function checkLocalContext(context: string, file: string | undefined, cwd: string): void {
  if (remoteKind(context) !== undefined) return;
  const dir = resolve(cwd, context);
  if (!isKind(dir, "dir")) {
    // A name that is not UTF-8 reached us as U+FFFD and cannot be opened: say that, not "not a directory".
    const why = dir.includes("\uFFFD") ? missing(dir) : "which is not one";
    throw new CliError(`CONTEXT: expected a directory, got ${JSON.stringify(context)}, ${why}`, "value");
  }
  // A Dockerfile given on stdin or by URL, or relative to a remote context, is the plan's to check.
  if (file === "-" || (file !== undefined && remoteKind(file) !== undefined)) return;
  const dockerfile = resolve(cwd, file ?? resolve(dir, "Dockerfile"));
  if (file === undefined && !isKind(dockerfile, "file"))
    throw new CliError(`no Dockerfile in ${dir}: expected CONTEXT to hold one, or -f/--file PATH`, "value");
  if (file !== undefined && !isKind(dockerfile, "file"))
    throw new CliError(`--file: expected a Dockerfile, got ${JSON.stringify(file)}, ${missing(dockerfile)}`, "value");
}

function isKind(path: string, kind: "dir" | "file"): boolean {
  try {
    const s = statSync(path);
    return kind === "dir" ? s.isDirectory() : s.isFile();
  } catch {
    return false;
  }
}
