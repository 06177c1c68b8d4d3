import path from "node:path";
import { InputError, quote } from "../input-error.js";

/** Where the build context comes from. A local directory is sent over the session; URLs are fetched by BuildKit. */
export type BuildContext =
  | { readonly kind: "local"; readonly dir: string }
  | { readonly kind: "git"; readonly url: string }
  /** An http(s) URL to a tarball or a single Dockerfile. */
  | { readonly kind: "http"; readonly url: string };

/**
 * Where the Dockerfile comes from: a local directory sent as the frontend's `dockerfile` local, or a path the
 * frontend reads inside a remote (git or http) context, as buildx does when `file` is relative there.
 */
export type DockerfileSource =
  | { readonly kind: "local"; readonly dir: string; readonly filename: string }
  | { readonly kind: "context"; readonly filename: string };

/** What the runner tells us for resolving paths and build-push-action's `{{defaultContext}}`. */
export interface ContextEnv {
  /** Directory relative paths are resolved against (the workspace, where build-push-action runs buildx). */
  readonly workspace: string;
  /** The repository's own git context, `https://github.com/o/r.git#<sha>`, when known. */
  readonly defaultContext?: string;
}

const DEFAULT_CONTEXT_RE = /\{\{\s*defaultContext\s*\}\}/g;

/**
 * A git context as BuildKit and buildx recognise it (moby/buildkit util/gitutil, docker/buildx util/urlutil):
 * `git://`, `ssh://`, `git@host:`, `github.com/...`, or an http(s) URL whose path ends in `.git`.
 */
export function isGitUrl(value: string): boolean {
  if (/^https?:\/\/[^#?]*\.git(?:[#?].*)?$/i.test(value)) return true;
  return ["git://", "ssh://", "git@", "github.com/"].some((p) => value.startsWith(p));
}

/** `git`, `http` or `undefined` (a local path). */
export function remoteKind(value: string): "git" | "http" | undefined {
  if (isGitUrl(value)) return "git";
  if (/^https?:\/\//i.test(value)) return "http";
  return undefined;
}

/** Replaces build-push-action's `{{defaultContext}}` placeholder; an error names `input` when it is unknown. */
export function expandDefaultContext(value: string, input: string, env: ContextEnv): string {
  if (!value.match(DEFAULT_CONTEXT_RE)) return value;
  if (env.defaultContext === undefined) {
    throw new InputError(
      input,
      `{{defaultContext}} needs GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA, got ${quote(value)}`,
    );
  }
  const defaultContext = env.defaultContext;
  return value.replace(DEFAULT_CONTEXT_RE, () => defaultContext);
}

/** `context`: a directory (default the workspace), a git URL like `https://github.com/o/r.git#ref:subdir`, or an http(s) URL. */
export function parseContext(input: string, env: ContextEnv, name = "context"): BuildContext {
  const value = expandDefaultContext(input.trim(), name, env);
  const kind = remoteKind(value);
  if (kind !== undefined) return { kind, url: value };
  if (value === "-") throw InputError.expected(name, "a directory or a git or https URL", value);
  return { kind: "local", dir: path.resolve(env.workspace, value === "" ? "." : value) };
}

/**
 * `file`: with a local context, a path relative to the workspace (default `<context>/Dockerfile`), as buildx
 * reads `--file` relative to its working directory. With a remote context a relative path is read inside it; an
 * absolute path is a local file sent alongside.
 */
export function parseDockerfile(
  input: string,
  context: BuildContext,
  env: ContextEnv,
  name = "file",
): DockerfileSource {
  const file = input.trim();
  if (file === "-" || /^https?:\/\//i.test(file)) {
    throw InputError.expected(name, "a path to a Dockerfile", file);
  }
  if (context.kind === "local") {
    if (file === "") return { kind: "local", dir: context.dir, filename: "Dockerfile" };
    const full = path.resolve(env.workspace, file);
    return { kind: "local", dir: path.dirname(full), filename: path.basename(full) };
  }
  if (file === "") return { kind: "context", filename: "Dockerfile" };
  if (path.isAbsolute(file)) return { kind: "local", dir: path.dirname(file), filename: path.basename(file) };
  return { kind: "context", filename: file };
}
