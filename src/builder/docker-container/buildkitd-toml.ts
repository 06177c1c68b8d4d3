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

const registryKeys = ["http", "insecure", "ca", "mirrors"] as const;

/** A TOML basic string. */
function tomlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function tomlArray(values: readonly string[]): string {
  return `[${values.map(tomlString).join(", ")}]`;
}

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

/** The `key = value` lines Kiln generates for one registry, and the CA files they refer to. */
function registryLines(r: RegistryOptions): { lines: Map<string, string>; files: ConfigFile[] } {
  const lines = new Map<string, string>();
  const files: ConfigFile[] = [];
  if (r.http) lines.set("http", "http = true");
  if (r.insecure) lines.set("insecure", "insecure = true");
  if (r.ca && r.ca.length > 0) {
    const paths = r.ca.map((pem, i) => {
      const path = `${certsDir(r.host)}/ca-${i + 1}.pem`;
      files.push({ path, content: pem.endsWith("\n") ? pem : `${pem}\n`, mode: 0o644 });
      return `${buildkitConfigDir}/${path}`;
    });
    lines.set("ca", `ca = ${tomlArray(paths)}`);
  }
  if (r.mirrors && r.mirrors.length > 0) lines.set("mirrors", `mirrors = ${tomlArray(r.mirrors)}`);
  return { lines, files };
}

// `[registry."host"]`, `[registry.'host']` or `[registry.host]`, with an optional comment.
const registryHeader = /^\s*\[\s*registry\s*\.\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*\]\s*(?:#.*)?$/;
const anyHeader = /^\s*\[/;
const keyLine = /^\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=/;
// Registry settings written in a form Kiln does not merge: a [registry] table, dotted keys, inline tables.
const otherRegistryForm = /^\s*(\[\s*registry\s*\]|registry\s*[.=])/;

interface UserTable {
  /** Index of the header line. */
  readonly header: number;
  /** Keys set in the table itself (not its sub-tables). */
  readonly keys: Set<string>;
}

function scanUserConfig(lines: readonly string[]): { tables: Map<string, UserTable>; otherForm: number | undefined } {
  const tables = new Map<string, UserTable>();
  let otherForm: number | undefined;
  let current: UserTable | undefined;
  let sawHeader = false;
  lines.forEach((line, i) => {
    const header = registryHeader.exec(line);
    if (header) {
      const host = header[1] !== undefined ? header[1].replace(/\\(.)/g, "$1") : (header[2] ?? header[3] ?? "");
      current = tables.get(host) ?? { header: i, keys: new Set<string>() };
      tables.set(host, current);
      sawHeader = true;
      return;
    }
    // Dotted keys count only at the top level; inside another table `registry.x = ...` is that table's key.
    const topLevel = current === undefined && !sawHeader;
    if (otherForm === undefined && otherRegistryForm.test(line) && (topLevel || anyHeader.test(line))) otherForm = i;
    if (anyHeader.test(line)) {
      current = undefined;
      sawHeader = true;
      return;
    }
    const key = current ? keyLine.exec(line) : null;
    if (current && key?.[1]) current.keys.add(key[1].replace(/^["']|["']$/g, ""));
  });
  return { tables, otherForm };
}

/**
 * buildkitd.toml from the registry options, merged with the user's config without a TOML library:
 *
 * - The user's text comes first, verbatim, so its top-level keys stay top-level.
 * - For a registry the user already has a `[registry."host"]` table for, Kiln adds only the keys that table
 *   does not set, right under its header: the user's values win.
 * - Other registries get their own tables, appended after the user's text.
 * - Registry settings the user wrote in another form (`[registry]`, dotted keys, inline tables) cannot be
 *   merged line by line; when Kiln also configures registries that is an error naming the line.
 *
 * CA paths inside the user's own text are left as written (buildx would copy those files into the
 * container; Kiln copies only the CAs given as options).
 */
export function buildkitdToml(
  registries: readonly RegistryOptions[],
  user?: UserBuildkitdConfig,
): { toml: string; files: ConfigFile[] } {
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
  const generated = registries.map((r) => ({ host: r.host, ...registryLines(r) })).filter((g) => g.lines.size > 0);
  const files = generated.flatMap((g) => g.files);

  const userText = user?.content ?? "";
  const lines = userText === "" ? [] : userText.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const { tables, otherForm } = scanUserConfig(lines);
  if (generated.length > 0 && otherForm !== undefined) {
    throw new BuilderError(
      `${user?.source ?? "buildkitd config"} line ${otherForm + 1}: write registry settings as [registry."host"] tables ` +
        `so that Kiln can merge them with the registries it configures, got "${lines[otherForm]?.trim()}"`,
      "invalid-options",
    );
  }

  // Insert into the user's tables from the bottom up so that earlier indexes stay valid.
  const inserts = generated
    .flatMap((g) => {
      const table = tables.get(g.host);
      if (!table) return [];
      const missing = registryKeys
        .filter((k) => g.lines.has(k) && !table.keys.has(k))
        .map((k) => `  ${g.lines.get(k)}`);
      return [{ at: table.header + 1, lines: missing }];
    })
    .sort((a, b) => b.at - a.at);
  const merged = [...lines];
  for (const insert of inserts) merged.splice(insert.at, 0, ...insert.lines);

  const appended = generated
    .filter((g) => !tables.has(g.host))
    .map((g) =>
      [
        `[registry.${tomlString(g.host)}]`,
        ...registryKeys.flatMap((k) => (g.lines.has(k) ? [`  ${g.lines.get(k)}`] : [])),
      ].join("\n"),
    );

  const parts: string[] = [];
  if (merged.length > 0) parts.push(merged.join("\n"));
  if (appended.length > 0) parts.push(`# Registries configured by Kiln\n${appended.join("\n\n")}`);
  return { toml: parts.length > 0 ? `${parts.join("\n\n")}\n` : "", files };
}
