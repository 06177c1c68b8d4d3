import path from "node:path";
import { InputError, quote } from "../input-error.js";
import { parseGoBool } from "../values/parse-bool.js";
import { parseList } from "../values/parse-list.js";
import { parseSpec } from "../values/parse-spec.js";
import { checkOutputKeys } from "./output-keys.js";

type Attrs = Readonly<Record<string, string>>;

/**
 * Where the result goes. `attrs` keeps the exporter attributes given in `outputs` that the type does not name
 * (compression, oci-mediatypes, push-by-digest, store, unpack, ...), passed to BuildKit as written.
 */
export type Output =
  /** `type=image`, or `type=registry` and `push: true` (push = true). */
  | { readonly type: "image"; readonly names: readonly string[]; readonly push: boolean; readonly attrs: Attrs }
  /**
   * Into the Docker daemon the runner talks to: `load: true`, or `type=docker` without `dest`. With a
   * standalone BuildKit the image travels as a tarball written to `tarball`, then loaded.
   */
  | { readonly type: "load"; readonly names: readonly string[]; readonly tarball: string; readonly attrs: Attrs }
  /** A `docker load`-able tarball. */
  | { readonly type: "docker"; readonly names: readonly string[]; readonly dest: string; readonly attrs: Attrs }
  /** An OCI image layout tarball. */
  | { readonly type: "oci"; readonly names: readonly string[]; readonly dest: string; readonly attrs: Attrs }
  /** The result's filesystem as a tarball. */
  | { readonly type: "tar"; readonly dest: string; readonly attrs: Attrs }
  /** The result's filesystem into a directory. */
  | { readonly type: "local"; readonly dest: string; readonly attrs: Attrs }
  /** Nothing exported: the build only fills (and exports) the cache. */
  | { readonly type: "cacheonly" };

export interface OutputEnv {
  readonly workspace: string;
  /** The `tags` input: when given, they name every image output (buildx overrides `name=` with them). */
  readonly tags: readonly string[];
  /** Where a `load` output's tarball goes when it cannot be stored directly. */
  readonly loadTarball: string;
}

const TYPES = "image, registry, docker, oci, tar, local, cacheonly";
// Boolean attributes of BuildKit's image, oci and docker exporters (exporter/containerimage/exptypes/keys.go).
const BOOL_ATTRS = [
  "push",
  "push-by-digest",
  "insecure",
  "registry.insecure",
  "store",
  "unpack",
  "oci-mediatypes",
  "oci-artifact",
  "force-compression",
  "rewrite-timestamp",
  "name-canonical",
  "tar",
];
const COMPRESSIONS = ["uncompressed", "gzip", "estargz", "zstd"];

/**
 * `outputs`: one exporter per line in buildx's `--output` syntax (docker/buildx util/buildflags/export.go and
 * build/opt.go CreateExports). A line without `type=` is a `local` destination directory. Quotes are left to
 * each line's own CSV, as build-push-action reads this input with `quote: false`.
 */
export function parseOutputs(input: string, env: OutputEnv, name = "outputs"): Output[] {
  return parseList(input, name, { ignoreComma: true, quote: false }).map((line) => parseOutput(line, env, name));
}

export function parseOutput(spec: string, env: OutputEnv, name = "outputs"): Output {
  const fail = (detail: string): never => {
    throw new InputError(name, `${detail}, got ${quote(spec)}`);
  };
  if (!spec.startsWith("type=") && !spec.includes(",") && !spec.includes("=")) {
    if (spec === "-") fail("expected a destination; writing to the log (dest=-) is not supported");
    return { type: "local", dest: path.resolve(env.workspace, spec), attrs: {} };
  }
  const attrs = parseSpec(spec);
  if (attrs === undefined) return fail('expected type=<type>,key=value,... with "..." around values holding commas');
  const type = attrs.get("type");
  if (type !== undefined) checkOutputKeys(attrs.keys(), type, name);
  const dest = attrs.get("dest");
  const rawName = attrs.get("name");
  attrs.delete("type");
  attrs.delete("dest");
  attrs.delete("name");
  for (const key of BOOL_ATTRS) {
    const v = attrs.get(key);
    // An empty value means true for BuildKit's boolean exporter attributes.
    if (v !== undefined && v !== "" && parseGoBool(v) === undefined) fail(`expected ${key}=true or ${key}=false`);
  }
  const compression = attrs.get("compression");
  if (compression !== undefined && !COMPRESSIONS.includes(compression)) {
    fail(`expected compression to be one of ${COMPRESSIONS.join(", ")}`);
  }
  const level = attrs.get("compression-level");
  if (level !== undefined && !/^\d+$/.test(level)) fail("expected compression-level=<integer>");
  const names = env.tags.length > 0 ? env.tags : (rawName ?? "").split(",").filter((n) => n.trim() !== "");
  const needDest = (): string => {
    if (dest === undefined || dest === "") fail(`expected dest=<path> for type=${type ?? ""}`);
    if (dest === "-") fail(`expected a destination file for type=${type ?? ""}; writing to the log is not supported`);
    return path.resolve(env.workspace, dest as string);
  };
  const rest = Object.fromEntries(attrs);
  switch (type) {
    case "registry": {
      // buildx: registry is image with push=true and, unless given, unpack=false.
      const others: Record<string, string> = { unpack: "false", ...rest };
      delete others["push"];
      return { type: "image", names, push: true, attrs: others };
    }
    case "image": {
      const push = rest["push"];
      const others: Record<string, string> = { ...rest };
      delete others["push"];
      return { type: "image", names, push: push !== undefined && parseGoBool(push || "true") === true, attrs: others };
    }
    case "docker":
      if (dest === undefined) return { type: "load", names, tarball: env.loadTarball, attrs: rest };
      return { type: "docker", names, dest: needDest(), attrs: rest };
    case "oci":
      if (attrs.has("tar") && parseGoBool(attrs.get("tar") || "true") === false) {
        fail("expected a tarball; type=oci with tar=false is not supported yet");
      }
      return { type: "oci", names, dest: needDest(), attrs: rest };
    case "tar":
      return { type: "tar", dest: needDest(), attrs: rest };
    case "local":
      return { type: "local", dest: needDest(), attrs: rest };
    case "cacheonly":
      return { type: "cacheonly" };
    case undefined:
      return fail(`expected type=<${TYPES.replace(/, /g, "|")}>`);
    default:
      return fail(`expected type to be one of ${TYPES}`);
  }
}
