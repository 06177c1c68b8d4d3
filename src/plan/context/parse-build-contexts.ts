import path from "node:path";
import { parseReference } from "../../registry/index.js";
import { InputError, quote } from "../input-error.js";
import { expandDefaultContext, remoteKind, type ContextEnv } from "./parse-context.js";
import { parseList, splitPair } from "../values/parse-list.js";
import { referenceProblem } from "../outputs/parse-tags.js";

/** What a named context (`FROM <name>`, `COPY --from=<name>`) resolves to. */
export type NamedContextSource =
  | { readonly kind: "local"; readonly dir: string }
  | { readonly kind: "image"; readonly ref: string }
  | { readonly kind: "target"; readonly stage: string }
  | { readonly kind: "git"; readonly url: string }
  | { readonly kind: "http"; readonly url: string };

export interface NamedContext {
  /** As the Dockerfile names it, in docker's short form: `alpine`, `alpine:3.20`, `ghcr.io/o/base`, `base`. */
  readonly name: string;
  readonly source: NamedContextSource;
}

const EXPECTED = "NAME=VALUE lines where VALUE is a path, docker-image://REF, target:STAGE or a git or https URL";

/**
 * `build-contexts`: one `name=value` per line (docker/buildx util/buildflags/context.go): the name is an image
 * name as in `FROM`, normalised to docker's short form without `:latest`; the value a directory (relative to
 * the workspace), `docker-image://<ref>`, `target:<stage>`, or a git or http(s) URL. `oci-layout://` is not
 * supported yet.
 */
export function parseBuildContexts(input: string, env: ContextEnv, name = "build-contexts"): NamedContext[] {
  const out = new Map<string, NamedContext>();
  for (const item of parseList(input, name, { ignoreComma: true })) {
    const pair = splitPair(item);
    if (pair === undefined || pair.value.trim() === "") throw InputError.expected(name, EXPECTED, item);
    const contextName = familiarName(pair.key);
    if (contextName === undefined) {
      throw new InputError(name, `expected a lowercase image or stage name before "=", got ${quote(pair.key)}`);
    }
    const value = expandDefaultContext(pair.value.trim(), name, env);
    out.set(contextName, { name: contextName, source: parseSource(value, name, env) });
  }
  return [...out.values()];
}

function parseSource(value: string, name: string, env: ContextEnv): NamedContextSource {
  if (value.startsWith("docker-image://")) {
    const ref = value.slice("docker-image://".length);
    const problem = referenceProblem(ref);
    if (problem !== undefined) {
      throw new InputError(name, `expected docker-image://<image reference>, got ${quote(value)} (${problem})`);
    }
    return { kind: "image", ref };
  }
  if (value.startsWith("target:")) {
    const stage = value.slice("target:".length);
    if (stage === "" || /[\s,]/.test(stage)) throw InputError.expected(name, "target:<stage name>", value);
    return { kind: "target", stage };
  }
  if (value.startsWith("oci-layout://")) {
    throw new InputError(name, `oci-layout:// contexts are not supported yet, got ${quote(value)}`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && remoteKind(value) === undefined) {
    throw InputError.expected(name, EXPECTED, value);
  }
  const kind = remoteKind(value);
  if (kind !== undefined) return { kind, url: value };
  return { kind: "local", dir: path.resolve(env.workspace, value) };
}

/** docker's `FamiliarString` of a name, without `:latest` (buildx ParseContextNames); `undefined` if invalid. */
function familiarName(input: string): string | undefined {
  const raw = input.trim();
  if (referenceProblem(raw) !== undefined) return undefined;
  const ref = parseReference(raw);
  const repo =
    ref.registry === "docker.io"
      ? ref.repository.replace(/^library\/(?=[^/]+$)/, "")
      : `${ref.registry}/${ref.repository}`;
  const tag = ref.tag === undefined || ref.tag === "latest" ? "" : `:${ref.tag}`;
  return `${repo}${tag}${ref.digest === undefined ? "" : `@${ref.digest}`}`;
}
