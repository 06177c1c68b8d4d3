import { constants, readdirSync, readFileSync, type Dirent } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { BuilderError } from "../docker-container/builder-error.js";

/** Where the kernel's binfmt_misc interface is mounted. */
export const BINFMT_MISC_DIR = "/proc/sys/fs/binfmt_misc";

/** One registered handler, as `/proc/sys/fs/binfmt_misc/<name>` describes it. */
export interface BinfmtEntry {
  readonly name: string;
  readonly enabled: boolean;
  readonly interpreter: string;
  /** Flag letters, e.g. "PF", "OCF" (Documentation/admin-guide/binfmt-misc.rst). */
  readonly flags: string;
  readonly offset: number;
  /** Hex, as the kernel prints it. */
  readonly magic: string;
  readonly mask: string;
}

/** Parses one entry file's text. */
export function parseBinfmtEntry(name: string, text: string): BinfmtEntry {
  const lines = text.split("\n");
  const value = (key: string): string => {
    const line = lines.find((l) => l.startsWith(`${key} `) || l.startsWith(`${key}:`));
    return line ? line.slice(key.length + 1).trim() : "";
  };
  return {
    name,
    enabled: lines[0]?.trim() === "enabled",
    interpreter: value("interpreter"),
    flags: value("flags"),
    offset: Number(value("offset") || 0),
    magic: value("magic"),
    mask: value("mask"),
  };
}

/** Reads every registered handler; fails with a hint when binfmt_misc is not mounted. */
export async function readBinfmtEntries(dir: string = BINFMT_MISC_DIR): Promise<BinfmtEntry[]> {
  // Synchronous reads: procfs answers in microseconds, and ~30 entries through fs/promises took 15-50 ms of a
  // build's start-up (one thread-pool round trip each, in turn).
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    throw new BuilderError(`failed to read ${dir}: ${(cause as Error).message}`, "emulator-install", { cause });
  }
  if (!names.some((d) => d.name === "register")) {
    throw new BuilderError(
      `binfmt_misc is not mounted at ${dir}: mount it with "mount -t binfmt_misc binfmt_misc ${dir}"`,
      "emulator-install",
    );
  }
  const entries: BinfmtEntry[] = [];
  for (const d of names) {
    if (d.name === "register" || d.name === "status") continue;
    // An entry can vanish between readdir and read (another tool unregistering): skip it.
    let text: string;
    try {
      text = readFileSync(join(dir, d.name), "utf8");
    } catch {
      continue;
    }
    entries.push(parseBinfmtEntry(d.name, text));
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** A handler definition in Debian's binfmt-support format (/usr/share/binfmts/<name>, man update-binfmts). */
export interface BinfmtDefinition {
  readonly interpreter: string;
  /** `\xNN`-escaped, as the kernel's register interface takes it. */
  readonly magic: string;
  readonly mask: string;
  readonly offset: number;
}

/** Parses a Debian binfmts file; undefined when it lacks a magic (an extension-based entry, not QEMU's). */
export function parseBinfmtDefinition(text: string): BinfmtDefinition | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^(\S+)\s+(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) fields.set(m[1], m[2].trim());
  }
  const magic = fields.get("magic");
  if (!magic) return undefined;
  return {
    interpreter: fields.get("interpreter") ?? "",
    magic,
    mask: fields.get("mask") ?? "",
    offset: Number(fields.get("offset") ?? 0),
  };
}

/** Hex as the kernel prints magic and mask ("7f454c46") to the `\x7f\x45...` form its register file takes. */
export function hexToEscaped(hex: string): string {
  return (hex.match(/../g) ?? []).map((b) => `\\x${b}`).join("");
}

/**
 * The line that registers a magic-based handler (`:name:M:offset:magic:mask:interpreter:flags`). Magic and
 * mask must be `\x`-escaped so that no byte reads as the ":" separator.
 */
export function registerLine(
  name: string,
  def: Pick<BinfmtDefinition, "magic" | "mask" | "offset">,
  interpreter: string,
  flags: string,
): string {
  for (const [what, value] of [
    ["name", name],
    ["magic", def.magic],
    ["mask", def.mask],
    ["interpreter", interpreter],
  ] as const) {
    if (value.includes(":") || value.includes("\n")) {
      throw new BuilderError(`binfmt ${what} must not contain ":" or a newline, got "${value}"`, "emulator-install");
    }
  }
  return `:${name}:M:${def.offset}:${def.magic}:${def.mask}:${interpreter}:${flags}`;
}

/** Writes a register line (needs root; the kernel checks the line and answers EINVAL or EEXIST). */
export async function registerBinfmt(line: string, dir: string = BINFMT_MISC_DIR): Promise<void> {
  const path = join(dir, "register");
  // The register file is write-only; open it without O_CREAT/O_TRUNC as binfmt tools do.
  const handle = await open(path, constants.O_WRONLY).catch((cause: NodeJS.ErrnoException) => {
    const hint = cause.code === "EACCES" || cause.code === "EPERM" ? ": registering QEMU needs root" : "";
    throw new BuilderError(`failed to open ${path}${hint}: ${cause.message}`, "emulator-install", { cause });
  });
  try {
    await handle.write(line);
  } catch (cause) {
    throw new BuilderError(`failed to register "${line}" in ${path}: ${(cause as Error).message}`, "emulator-install", {
      cause,
    });
  } finally {
    await handle.close();
  }
}

/** Removes a handler (writes -1 to its entry file); one that is not registered is fine. */
export async function unregisterBinfmt(name: string, dir: string = BINFMT_MISC_DIR): Promise<void> {
  const path = join(dir, name);
  // No O_CREAT: binfmt_misc refuses to create files, and a missing entry must read as ENOENT.
  const handle = await open(path, constants.O_WRONLY).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT") return undefined;
    throw new BuilderError(`failed to unregister ${path}: ${cause.message}`, "emulator-install", { cause });
  });
  if (!handle) return;
  try {
    await handle.write("-1");
  } catch (cause) {
    throw new BuilderError(`failed to unregister ${path}: ${(cause as Error).message}`, "emulator-install", { cause });
  } finally {
    await handle.close();
  }
}
