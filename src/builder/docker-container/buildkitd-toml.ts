import { parse as parseToml, stringify as stringifyToml, TomlError } from "smol-toml";
import { BuilderError } from "./builder-error.js";

/** How buildkitd should reach one registry (moby/buildkit docs/buildkitd.toml.md, `[registry."host"]`). */
export interface RegistryOptions {
  /** "host[:port]" as images name it: "docker.io", "127.0.0.1:5000", "registry.internal". */
  readonly host: string;
  /** Speak plain HTTP to it. */
  readonly http?: boolean;
  /** Accept a TLS certificate that does not verify. */
  readonly insecure?: boolean;
  /** PEM CA certificates (file contents, read by the caller) that sign the registry's certificate. */
  readonly ca?: readonly string[];
  /** Mirrors to try before the registry itself: "host[:port][/path]". */
  readonly mirrors?: readonly string[];
}

/** The user's own buildkitd.toml text and where it came from, for messages. */
export interface UserBuildkitdConfig {
  /** "buildkitd-config-inline", or the path given as `buildkitd-config`. */
  readonly source: string;
  readonly content: string;
  /**
   * Contents of the files the user's registry tables name (`ca`, `keypair` key/cert), keyed by the path as
   * written, read on the runner by the caller: they are copied into the container and the paths rewritten, as
   * buildx does (a runner path means nothing inside the container).
   */
  readonly files?: Readonly<Record<string, string>>;
}

/** A file to place under /etc/buildkit in the container. */
export interface ConfigFile {
  /** Relative to /etc/buildkit, "/"-separated. */
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

/** Where buildkitd reads its config and Kiln places the CA files (buildx util/confutil DefaultBuildKitConfigDir). */
export const buildkitConfigDir = "/etc/buildkit";

// buildx util/confutil/container.go: certificate directories are named after the registry with anything
// outside [a-zA-Z0-9.-] replaced.
function certsDir(host: string): string {
  return `certs/${host.replace(/[^a-zA-Z0-9.-]+/g, "_")}`;
}

function checkHost(what: string, value: string, allowPath: boolean): void {
  const pattern = allowPath ? /^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]+)?$/ : /^[A-Za-z0-9.-]+(:\d+)?$/;
  if (!pattern.test(value)) {
    const shape = allowPath ? "host[:port][/path]" : "host[:port]";
    throw new BuilderError(`${what}: expected ${shape} without a scheme, got "${value}"`, "invalid-options");
  }
}

/** The keys Kiln generates for one registry, and the CA files they refer to. */
function registryValues(r: RegistryOptions): { values: TomlTable; files: ConfigFile[] } {
  const values: TomlTable = {};
  const files: ConfigFile[] = [];
  if (r.http) values["http"] = true;
  if (r.insecure) values["insecure"] = true;
  if (r.ca && r.ca.length > 0) {
    values["ca"] = r.ca.map((pem, i) => {
      const path = `${certsDir(r.host)}/ca-${i + 1}.pem`;
      files.push({ path, content: pem.endsWith("\n") ? pem : `${pem}\n`, mode: 0o644 });
      return `${buildkitConfigDir}/${path}`;
    });
  }
  if (r.mirrors && r.mirrors.length > 0) values["mirrors"] = [...r.mirrors];
  return { values, files };
}

type TomlTable = Record<string, unknown>;

const isTable = (v: unknown): v is TomlTable => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses the user's buildkitd.toml. smol-toml (a TOML 1.0 parser) instead of scanning lines: registry tables
 * may be written as `[registry."host"]`, dotted keys or inline tables, and all of them must merge the same way.
 * A syntax error becomes one line naming where the text came from (the input) and the line TOML stopped at.
 */
export function parseBuildkitdConfig(user: UserBuildkitdConfig): TomlTable {
  try {
    return parseToml(user.content) as TomlTable;
  } catch (err) {
    const why =
      err instanceof TomlError ? `line ${err.line}, column ${err.column}: ${firstLine(err.message)}` : String(err);
    throw new BuilderError(
      `${user.source}: expected a buildkitd.toml (TOML), got a syntax error at ${why}`,
      "invalid-options",
      {
        cause: err,
      },
    );
  }
}

/** Where and why `text` is not TOML ("line 2, column 3: illegal character in key"); undefined when it parses. */
export function tomlSyntaxError(text: string): string | undefined {
  try {
    parseToml(text);
    return undefined;
  } catch (err) {
    return describeTomlError(err);
  }
}

function describeTomlError(err: unknown): string {
  return err instanceof TomlError ? `line ${err.line}, column ${err.column}: ${firstLine(err.message)}` : String(err);
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "").trim();
}

/**
 * buildkitd.toml from the registry options merged with the user's config (parsed, not scanned):
 *
 * - For a registry the user already configures, Kiln adds only the keys the user's table does not set: the
 *   user's values win.
 * - Other registries get their own tables.
 *
 * CA and keypair paths in the user's registry tables whose contents the caller read (`user.files`) are copied
 * under /etc/buildkit/certs/<host>/ and rewritten; others are left as written. Comments are not kept.
 */
export function buildkitdToml(
  registries: readonly RegistryOptions[],
  user?: UserBuildkitdConfig,
): { toml: string; files: ConfigFile[]; config: TomlTable } {
  const seen = new Set<string>();
  for (const r of registries) {
    checkHost(`registry "${r.host}"`, r.host, false);
    for (const m of r.mirrors ?? []) checkHost(`mirror "${m}" of registry "${r.host}"`, m, true);
    if (seen.has(r.host)) {
      throw new BuilderError(
        `registry "${r.host}" is configured twice: merge its settings into one`,
        "invalid-options",
      );
    }
    seen.add(r.host);
  }
  const config: TomlTable = user && user.content.trim() !== "" ? parseBuildkitdConfig(user) : {};
  const generated = registries
    .map((r) => ({ host: r.host, ...registryValues(r) }))
    .filter((g) => Object.keys(g.values).length > 0);
  const files = [...generated.flatMap((g) => g.files), ...copyUserFiles(config, user?.files ?? {})];
  if (generated.length > 0) {
    const existing = config["registry"];
    if (existing !== undefined && !isTable(existing)) {
      throw new BuilderError(
        `${user?.source ?? "buildkitd config"}: expected "registry" to be a table of registries`,
        "invalid-options",
      );
    }
    const registryTable: TomlTable = existing ?? {};
    for (const g of generated) {
      const table = registryTable[g.host];
      if (table !== undefined && !isTable(table)) {
        throw new BuilderError(
          `${user?.source ?? "buildkitd config"}: expected registry."${g.host}" to be a table`,
          "invalid-options",
        );
      }
      // The user's keys win; Kiln's fill what is missing, in a fixed order.
      registryTable[g.host] = { ...g.values, ...(table ?? {}) };
    }
    config["registry"] = registryTable;
  }
  const toml = Object.keys(config).length > 0 ? `${stringifyToml(config).trim()}\n` : "";
  return { toml, files, config };
}

/** Mirrors the merged config gives `host` (`[registry."host"] mirrors`), in order; empty when none. */
export function mirrorsOf(config: TomlTable, host: string): string[] {
  const registry = config["registry"];
  const table = isTable(registry) ? registry[host] : undefined;
  const mirrors = isTable(table) ? table["mirrors"] : undefined;
  return Array.isArray(mirrors) ? mirrors.filter((m): m is string => typeof m === "string") : [];
}

/** The files (`ca`, `keypair` key/cert) each `[registry."host"]` table of a parsed buildkitd.toml names. */
export function registryFilePaths(config: TomlTable): string[] {
  const paths: string[] = [];
  const registry = config["registry"];
  if (!isTable(registry)) return paths;
  for (const table of Object.values(registry)) {
    if (!isTable(table)) continue;
    const ca = table["ca"];
    for (const p of typeof ca === "string" ? [ca] : Array.isArray(ca) ? ca : [])
      if (typeof p === "string") paths.push(p);
    const keypairs = table["keypair"];
    for (const kp of Array.isArray(keypairs) ? keypairs : []) {
      if (!isTable(kp)) continue;
      for (const k of ["key", "cert"]) if (typeof kp[k] === "string") paths.push(kp[k]);
    }
  }
  return paths;
}

/** Rewrites the user's registry file paths that were read to their place in the container; returns those files. */
function copyUserFiles(config: TomlTable, contents: Readonly<Record<string, string>>): ConfigFile[] {
  const files: ConfigFile[] = [];
  const registry = config["registry"];
  if (!isTable(registry)) return files;
  for (const [host, table] of Object.entries(registry)) {
    if (!isTable(table)) continue;
    const place = (path: unknown, name: string, mode: number): unknown => {
      if (typeof path !== "string" || contents[path] === undefined) return path;
      const inside = `${certsDir(host)}/${name}`;
      files.push({ path: inside, content: contents[path], mode });
      return `${buildkitConfigDir}/${inside}`;
    };
    const ca = table["ca"];
    if (typeof ca === "string") table["ca"] = place(ca, "user-ca-1.pem", 0o644);
    else if (Array.isArray(ca)) table["ca"] = ca.map((p, i) => place(p, `user-ca-${i + 1}.pem`, 0o644));
    const keypairs = table["keypair"];
    if (Array.isArray(keypairs)) {
      table["keypair"] = keypairs.map((kp, i) =>
        isTable(kp)
          ? {
              ...kp,
              key: place(kp["key"], `user-key-${i + 1}.pem`, 0o600),
              cert: place(kp["cert"], `user-cert-${i + 1}.pem`, 0o644),
            }
          : kp,
      );
    }
  }
  return files;
}
