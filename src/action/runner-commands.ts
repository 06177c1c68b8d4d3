import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { EOL } from "node:os";

// The step's side of GitHub's runner protocol ("Workflow commands for GitHub Actions"): inputs and saved state come
// in as environment variables, log lines and annotations go to stdout as `::command props::message`, outputs, state
// and the job summary are appended to the files the runner names.
//
// Kiln's steps used @actions/core for these eleven calls. Its v3 imports @actions/http-client (with undici) for
// OIDC tokens and @actions/exec for platform details at load time, neither of which Kiln asks for: on the runner's
// Node 24 that was 35 ms of CPU before the first gRPC call, a third of issue 13's budget, and 490 KB of the main
// bundle (1250 -> 760 KB without it; first dial of BuildKit 170 -> 131 ms). @actions/cache and @actions/artifact
// still bring @actions/core along where they are loaded (the runner-cache and fan chunks). The unit test checks
// that every line and file entry written here is the one @actions/core writes for the same call.

/** Where an annotation points in a file (1-based lines), as the runner shows it on the run's page. */
export interface AnnotationTarget {
  readonly file: string;
  readonly startLine?: number;
  readonly endLine?: number;
}

/** An input of the step: `INPUT_<NAME>` (spaces as `_`, upper-cased), trimmed unless asked not to; "" when unset. */
export function getInput(name: string, options: { readonly trimWhitespace?: boolean } = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "";
  return options.trimWhitespace === false ? value : value.trim();
}

/** What the main step saved with {@link saveState}, as the runner hands it to the post step; "" when unset. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? "";
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export function warning(message: string, at?: AnnotationTarget): void {
  command("warning", annotationProperties(at), message);
}

export function error(message: string, at?: AnnotationTarget): void {
  command("error", annotationProperties(at), message);
}

/** Folds the lines that follow, up to {@link endGroup}, under `title` in the log. */
export function startGroup(title: string): void {
  command("group", {}, title);
}

export function endGroup(): void {
  command("endgroup", {}, "");
}

/** The runner replaces `value` with `***` wherever the job's log would show it from now on. */
export function setSecret(value: string): void {
  command("add-mask", {}, value);
}

export function setOutput(name: string, value: string): void {
  // The legacy command starts on a fresh line, in case the step left one unfinished.
  fileCommand("GITHUB_OUTPUT", name, value, () => {
    process.stdout.write(EOL);
    command("set-output", { name }, value);
  });
}

/** Kept for the post step, which reads it with {@link getState}. */
export function saveState(name: string, value: string): void {
  fileCommand("GITHUB_STATE", name, value, () => command("save-state", { name }, value));
}

/** Appends Markdown to the job summary; throws when the runner gave no summary file. */
export function appendSummary(markdown: string): void {
  const file = process.env["GITHUB_STEP_SUMMARY"];
  if (!file) throw new Error("the runner set no GITHUB_STEP_SUMMARY file for the job summary");
  appendFileSync(file, markdown, "utf8");
}

function annotationProperties(at: AnnotationTarget | undefined): Record<string, string | number | undefined> {
  return at ? { file: at.file, line: at.startLine, endLine: at.endLine } : {};
}

/** `::name key=value,...::message` on its own line; properties without a value are left out, as the runner expects. */
function command(name: string, properties: Record<string, string | number | undefined>, message: string): void {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "" && entry[1] !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  process.stdout.write(`::${name}${props ? ` ${props}` : ""}::${escapeData(message)}${EOL}`);
}

/**
 * `name<<delimiter` / value / delimiter appended to the file the runner names in `fileVariable`, so values may span
 * lines; without that variable (a runner older than the files), `legacy`: the stdout command it replaced.
 */
function fileCommand(fileVariable: string, name: string, value: string, legacy: () => void): void {
  const file = process.env[fileVariable];
  if (!file) return legacy();
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`${name}: the value contains the file command's delimiter ${delimiter}`);
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, "utf8");
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
