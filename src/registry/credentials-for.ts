import type { DockerAuthEntry, DockerConfig } from "./docker-config.js";
import { RegistryError } from "./registry-error.js";

/**
 * What a registry gets to authenticate us, in BuildKit's session Auth terms (`CredentialsResponse`):
 * a username and password, or, with `username === ""`, an identity token (OAuth refresh token) in `secret`.
 */
export interface Credentials {
  readonly username: string;
  readonly secret: string;
}

/** Credentials given directly (an action input), which win over docker's config. */
export interface ExplicitCredential {
  /** Registry as in image references: `ghcr.io`, `127.0.0.1:5001`, `docker.io`. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

/** Where the credentials for one host come from. `helper` still has to run `docker-credential-<helper> get`. */
export type CredentialSource =
  | { readonly type: "explicit"; readonly credentials: Credentials }
  | { readonly type: "config"; readonly key: string; readonly credentials: Credentials }
  | {
      readonly type: "helper";
      readonly helper: string;
      /** What the helper reads on stdin. */
      readonly serverUrl: string;
      /** Inline `auths` credentials to use if a `credsStore` helper has none for this host. */
      readonly fallback?: Credentials;
    }
  | { readonly type: "none" };

/** Docker Hub's key in config.json and for credential helpers (docker/docker registry/config.go `IndexServer`). */
export const DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";
const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

/**
 * Host name used to compare registries: drops a scheme and a path (docker/cli cli/config/credentials
 * `ConvertToHostname`), lower-cases, and folds Docker Hub's names into `docker.io`.
 */
export function normalizeRegistryHost(hostOrUrl: string): string {
  const host = hostOrUrl
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
  return DOCKER_HUB_ALIASES.has(host) ? "docker.io" : host;
}

/** The server URL docker's config and credential helpers use for `host`: Docker Hub's `https://index.docker.io/v1/`, else the host. */
export function credentialServerUrl(host: string): string {
  const normalized = normalizeRegistryHost(host);
  return normalized === "docker.io" ? DOCKER_HUB_CONFIG_KEY : normalized;
}

/**
 * Decides where credentials for `host` (a registry as in references, or its API host, or a server URL) come
 * from. Order: explicit credentials; then as docker/cli's `GetCredentialsStore`: `credHelpers[host]`, else
 * `credsStore` (with inline `auths` as a fallback, which docker would ignore), else `auths`.
 * Pure: reads no file and runs no helper.
 */
export function credentialsFor(
  host: string,
  config: DockerConfig,
  explicit: readonly ExplicitCredential[] = [],
): CredentialSource {
  const wanted = normalizeRegistryHost(host);
  const given = explicit.find((c) => normalizeRegistryHost(c.registry) === wanted);
  if (given !== undefined)
    return { type: "explicit", credentials: { username: given.username, secret: given.password } };

  const serverUrl = credentialServerUrl(host);
  const helper = findByHost(config.credHelpers, wanted)?.[1];
  if (helper !== undefined && helper !== "") return { type: "helper", helper, serverUrl };

  const entry = findByHost(config.auths, wanted);
  const inline = entry === undefined ? undefined : fromAuthEntry(entry[0], entry[1]);
  if (config.credsStore !== undefined) {
    return {
      type: "helper",
      helper: config.credsStore,
      serverUrl,
      ...(inline === undefined ? {} : { fallback: inline }),
    };
  }
  return entry !== undefined && inline !== undefined
    ? { type: "config", key: entry[0], credentials: inline }
    : { type: "none" };
}

/** An exact key wins; otherwise the first key whose host matches (docker/cli configfile `GetAuthConfig`). */
function findByHost<T>(map: Readonly<Record<string, T>> | undefined, wanted: string): [string, T] | undefined {
  if (map === undefined) return undefined;
  const exact = Object.entries(map).find(([key]) => key === wanted || key === credentialServerUrl(wanted));
  return exact ?? Object.entries(map).find(([key]) => normalizeRegistryHost(key) === wanted);
}

function fromAuthEntry(key: string, entry: DockerAuthEntry): Credentials | undefined {
  if (entry.identitytoken !== undefined) return { username: "", secret: entry.identitytoken };
  if (entry.auth !== undefined) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new RegistryError(
        `failed to read credentials for ${key} from docker config: "auth" is not base64 of "username:password"`,
        "invalid",
      );
    }
    return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (entry.username !== undefined && entry.password !== undefined) {
    return { username: entry.username, secret: entry.password };
  }
  return undefined;
}
