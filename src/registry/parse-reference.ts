import { RegistryError } from "./registry-error.js";

/** A repository on a registry: `docker.io` + `library/alpine`. */
export interface Repository {
  /** Registry host as users write it, with port: `docker.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  readonly registry: string;
  /** Path inside the registry: `library/alpine`, `kiln/busybox`. */
  readonly repository: string;
}

/** A fully normalised image reference. A reference without tag or digest gets the tag `latest`. */
export interface ImageReference extends Repository {
  readonly tag?: string;
  readonly digest?: string;
}

// Grammar from distribution/reference (reference.go, regexp.go, normalize.go at v0.6.0).
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX_LENGTH = 255;

/** Docker Hub's name in references; its API lives at {@link DOCKER_HUB_API_HOST}. */
export const DOCKER_HUB = "docker.io";
/** Where Docker Hub's distribution API answers (docker/docker registry/config.go `DefaultRegistryHost`). */
export const DOCKER_HUB_API_HOST = "registry-1.docker.io";

/**
 * Parses an image reference the way docker does: `alpine` -> `docker.io/library/alpine:latest`,
 * `127.0.0.1:5000/kiln/busybox@sha256:...`, `ghcr.io/o/r:v1@sha256:...` (tag and digest both kept).
 * A first path component is a registry host when it contains `.` or `:`, is `localhost`, or has upper case.
 */
export function parseReference(input: string): ImageReference {
  const fail = (reason: string): never => {
    throw new RegistryError(`failed to parse reference ${JSON.stringify(input)}: ${reason}`, "invalid");
  };
  let rest = input.trim();
  if (rest === "") fail("reference is empty");

  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) fail(`invalid digest ${JSON.stringify(digest)}`);
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/") && !rest.endsWith("]")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) fail(`invalid tag ${JSON.stringify(tag)}`);
  }

  const { registry, repository } = splitName(rest, fail);
  if (tag === undefined && digest === undefined) tag = "latest";
  return { registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** Parses a repository name without tag or digest: `kiln/busybox` -> `docker.io/kiln/busybox`. */
export function parseRepository(input: string): Repository {
  const fail = (reason: string): never => {
    throw new RegistryError(`failed to parse repository ${JSON.stringify(input)}: ${reason}`, "invalid");
  };
  const name = input.trim();
  if (name.includes("@")) fail("a repository has no digest");
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash && !name.endsWith("]")) fail("a repository has no tag");
  return splitName(name, fail);
}

/** Formats a reference in its canonical form: `docker.io/library/alpine:latest@sha256:...`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag === undefined ? "" : `:${ref.tag}`}${
    ref.digest === undefined ? "" : `@${ref.digest}`
  }`;
}

/** The host whose `/v2/` API serves `registry`: `docker.io` -> `registry-1.docker.io`, others unchanged. */
export function registryApiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}

function splitName(name: string, fail: (reason: string) => never): Repository {
  if (name === "") fail("repository name is empty");
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  const isDomain =
    slash !== -1 &&
    (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase());
  let registry = isDomain ? first : DOCKER_HUB;
  let repository = isDomain ? name.slice(slash + 1) : name;
  if (registry === "index.docker.io") registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;

  if (!DOMAIN_RE.test(registry)) fail(`invalid registry host ${JSON.stringify(registry)}`);
  if (repository !== repository.toLowerCase()) fail("repository name must be lowercase");
  if (!PATH_RE.test(repository)) fail(`invalid repository name ${JSON.stringify(repository)}`);
  if (`${registry}/${repository}`.length > NAME_MAX_LENGTH) fail(`name is longer than ${NAME_MAX_LENGTH} characters`);
  return { registry, repository };
}
