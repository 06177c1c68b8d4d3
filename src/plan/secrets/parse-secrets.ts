import path from "node:path";
import { InputError, quote } from "../input-error.js";
import { parseList } from "../values/parse-list.js";

/**
 * One secret for `RUN --mount=type=secret,id=<id>`. A `value` is the secret itself; `file` and `env` are read
 * only when the daemon asks for them.
 */
export interface Secret {
  readonly id: string;
  readonly source:
    | { readonly kind: "value"; readonly value: string }
    | { readonly kind: "file"; readonly path: string }
    | { readonly kind: "env"; readonly name: string };
}

const ID_RE = /^[^\s,=]+$/;

/**
 * `secrets`: one `id=value` per line; a value with newlines is quoted (`"id=line1\nline2"`), and whitespace
 * around it is kept (build-push-action reads this input with `trimWhitespace: false`). Messages name the line
 * and the id, never the value.
 */
export function parseSecretValues(input: string, name = "secrets"): Secret[] {
  return parseList(input, name, { ignoreComma: true, trim: false }).map((item, index) => {
    const eq = item.indexOf("=");
    const id = eq === -1 ? "" : item.slice(0, eq).trim();
    if (eq === -1) throw new InputError(name, `expected id=value lines, got a line without "=" (item ${index + 1})`);
    if (!ID_RE.test(id))
      throw new InputError(name, `expected id=value lines with an id before "=" (item ${index + 1})`);
    const value = item.slice(eq + 1);
    if (value === "") throw new InputError(name, `expected a value after ${quote(`${id}=`)}, got an empty value`);
    return { id, source: { kind: "value", value } };
  });
}

/** `secret-files`: one `id=path` per line, the path relative to the workspace. */
export function parseSecretFiles(input: string, workspace: string, name = "secret-files"): Secret[] {
  return parseList(input, name, { ignoreComma: true }).map((item) => {
    const eq = item.indexOf("=");
    const id = item.slice(0, Math.max(eq, 0)).trim();
    const file = item.slice(eq + 1).trim();
    if (eq === -1 || !ID_RE.test(id) || file === "") throw InputError.expected(name, "id=path lines", item);
    return { id, source: { kind: "file", path: path.resolve(workspace, file) } };
  });
}

/**
 * `secret-envs`: `id=ENVNAME` items, comma or newline separated. The variable must be set: buildx would send
 * an empty secret instead, which hides a misspelt name until the build fails somewhere else.
 */
export function parseSecretEnvs(
  input: string,
  lookupEnv: (name: string) => string | undefined,
  name = "secret-envs",
): Secret[] {
  return parseList(input, name).map((item) => {
    const eq = item.indexOf("=");
    const id = item.slice(0, Math.max(eq, 0)).trim();
    const env = item.slice(eq + 1).trim();
    if (eq === -1 || !ID_RE.test(id) || !/^[^\s=]+$/.test(env))
      throw InputError.expected(name, "id=ENVNAME items", item);
    if (lookupEnv(env) === undefined) {
      throw new InputError(name, `expected environment variable ${env} (for secret ${quote(id)}) to be set`);
    }
    return { id, source: { kind: "env", name: env } };
  });
}
