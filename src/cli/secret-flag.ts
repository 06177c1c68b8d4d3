import { CliError } from "./cli-error.js";

/** A `--secret` resolved to where its value comes from, as the action's `secret-files` / `secret-envs` items. */
export interface SecretFlags {
  readonly files: readonly string[];
  readonly envs: readonly string[];
}

/**
 * buildx's `--secret` forms (docker/buildx util/buildflags/secrets.go, buildkit session/secrets/secretsprovider):
 * `id=X,src=PATH` (or `source=`), `id=X,env=VAR`, `type=file|env` with the value in `src`, and a bare `id=X`, which
 * reads the environment variable X when it is set and the file X otherwise.
 */
export function parseSecretFlags(specs: readonly string[], env: NodeJS.ProcessEnv): SecretFlags {
  const files: string[] = [];
  const envs: string[] = [];
  for (const spec of specs) {
    const fields = new Map<string, string>();
    for (const field of spec.split(",")) {
      const eq = field.indexOf("=");
      if (eq <= 0) throw bad(`expected key=value fields, got ${JSON.stringify(field)}`);
      fields.set(field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1).trim());
    }
    for (const key of fields.keys()) {
      if (!["id", "src", "source", "env", "type"].includes(key)) throw bad(`unknown field ${JSON.stringify(key)}`);
    }
    const type = fields.get("type");
    if (type !== undefined && type !== "file" && type !== "env")
      throw bad(`expected type=file or type=env, got ${JSON.stringify(`type=${type}`)}`);
    const id = fields.get("id") ?? "";
    if (id === "") throw bad('expected an id, like "id=npmrc,src=.npmrc"');
    let src = fields.get("src") ?? fields.get("source");
    let envName = fields.get("env");
    if (type === "env" && envName === undefined) [envName, src] = [src, undefined];
    if (src === undefined && envName === undefined) {
      if (type === "env" || (type === undefined && env[id] !== undefined)) envName = id;
      else src = id;
    }
    if (envName !== undefined) envs.push(`${id}=${envName}`);
    else files.push(`${id}=${src}`);
  }
  return { files, envs };
}

function bad(detail: string): CliError {
  return new CliError(`--secret: ${detail}`, "value");
}
