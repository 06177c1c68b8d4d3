import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DockerHost } from "../../docker/index.js";
import { BuilderError } from "../docker-container/builder-error.js";
import {
  BINFMT_MISC_DIR,
  parseBinfmtDefinition,
  readBinfmtEntries,
  registerBinfmt,
  registerLine,
  unregisterBinfmt,
  type BinfmtEntry,
} from "./binfmt-misc.js";
import { installWithImage } from "./binfmt-image.js";
import { missingEmulators, type MissingEmulator } from "./missing-emulators.js";
import { nativePlatforms as hostNativePlatforms, qemuArch } from "./qemu-arch.js";

/** QEMU installed on the host, as Debian/Ubuntu's qemu-user-static lays it out. */
export interface HostQemuOptions {
  /** Where the qemu-<arch>-static binaries are. */
  readonly qemuDir?: string;
  /** Where Debian's binfmt definitions (magic and mask per architecture) are. */
  readonly binfmtsDir?: string;
  /**
   * Flags to register with. "CF" by default, as tonistiigi/binfmt (docker/setup-qemu-action) registers: F so
   * containers need no QEMU inside, C so setuid binaries (sudo) keep working under emulation.
   */
  readonly flags?: string;
}

export interface EnsureEmulatorsOptions {
  /** The platforms the build targets: "linux/arm64", "linux/arm/v7", ... */
  readonly platforms: readonly string[];
  /** What the builder runs without QEMU; the host's own platforms (nativePlatforms()) when absent. */
  readonly nativePlatforms?: readonly string[];
  readonly binfmtMiscDir?: string;
  /** Register from the host's qemu-user-static (needs root); `false` skips straight to the image. */
  readonly hostQemu?: HostQemuOptions | false;
  /** Run the binfmt image for what the host cannot provide (setup-qemu-action's way; needs Docker). */
  readonly image?: {
    readonly docker: DockerHost;
    readonly image?: string;
    readonly mirrors?: readonly string[];
    readonly timeoutMs?: number;
  };
  /** Whether this process may write binfmt_misc; `process.getuid() === 0` when absent. */
  readonly isRoot?: boolean;
  readonly signal?: AbortSignal;
  readonly onStep?: (step: string) => void;
}

/** What runs natively, what goes through QEMU, and what this call registered. */
export interface EmulationReport {
  readonly native: readonly string[];
  readonly emulated: readonly string[];
  readonly installed: readonly (MissingEmulator & { readonly via: "host" | "image" })[];
}

export const hostQemuDefaults = Object.freeze({
  qemuDir: "/usr/bin",
  binfmtsDir: "/usr/share/binfmts",
  flags: "CF",
});

/** Why the host cannot provide `arch`, or undefined when it can (binary and definition present). */
async function hostCannot(arch: string, host: Required<HostQemuOptions>, isRoot: boolean): Promise<string | undefined> {
  const binary = join(host.qemuDir, `qemu-${arch}-static`);
  const ok = await access(binary, constants.X_OK).then(
    () => true,
    () => false,
  );
  if (!ok) return `${binary} does not exist or is not executable`;
  const defPath = join(host.binfmtsDir, `qemu-${arch}`);
  const text = await readFile(defPath, "utf8").catch(() => undefined);
  if (text === undefined || !parseBinfmtDefinition(text)) return `${defPath} (its magic and mask) is missing`;
  if (!isRoot) return "registering in binfmt_misc needs root";
  return undefined;
}

async function installFromHost(
  m: MissingEmulator,
  host: Required<HostQemuOptions>,
  entries: readonly BinfmtEntry[],
  dir: string,
): Promise<void> {
  const def = parseBinfmtDefinition(await readFile(join(host.binfmtsDir, `qemu-${m.arch}`), "utf8"));
  if (!def) throw new BuilderError(`no magic in ${join(host.binfmtsDir, `qemu-${m.arch}`)}`, "emulator-install");
  const name = `qemu-${m.arch}`;
  // An entry by that name exists but is unusable (disabled or without F): replace it.
  if (entries.some((e) => e.name === name)) await unregisterBinfmt(name, dir);
  await registerBinfmt(registerLine(name, def, join(host.qemuDir, `qemu-${m.arch}-static`), host.flags), dir);
}

/**
 * Makes sure every requested platform can run: natively, through a QEMU handler already registered, or through
 * one installed now, from the host's qemu-user-static when possible, else with the binfmt image. Verifies by
 * reading binfmt_misc again. Fails with one line per platform that stays unavailable and why.
 */
export async function ensureEmulators(options: EnsureEmulatorsOptions): Promise<EmulationReport> {
  const dir = options.binfmtMiscDir ?? BINFMT_MISC_DIR;
  const native = options.nativePlatforms ?? hostNativePlatforms();
  const nativeArchs = new Set(native.map((p) => qemuArch(p)));
  const nativeRequested = options.platforms.filter((p) => nativeArchs.has(qemuArch(p)));
  const emulated = options.platforms.filter((p) => !nativeArchs.has(qemuArch(p)));
  if (emulated.length === 0) return { native: nativeRequested, emulated: [], installed: [] };

  const entries = await readBinfmtEntries(dir);
  const missing = missingEmulators(options.platforms, native, entries);
  if (missing.length === 0) return { native: nativeRequested, emulated, installed: [] };

  const installed: (MissingEmulator & { via: "host" | "image" })[] = [];
  const reasons = new Map<string, string>();
  let forImage: MissingEmulator[] = missing;
  if (options.hostQemu !== false) {
    const host = { ...hostQemuDefaults, ...options.hostQemu };
    const isRoot = options.isRoot ?? process.getuid?.() === 0;
    forImage = [];
    for (const m of missing) {
      const why = await hostCannot(m.arch, host, isRoot);
      if (why) {
        reasons.set(m.platform, why);
        forImage.push(m);
        continue;
      }
      options.onStep?.(`registering qemu-${m.arch} from ${host.qemuDir} for ${m.platform}`);
      await installFromHost(m, host, entries, dir);
      installed.push({ ...m, via: "host" });
    }
  }
  if (forImage.length > 0) {
    if (!options.image) {
      const lines = forImage.map((m) => `${m.platform} (qemu-${m.arch}): ${reasons.get(m.platform) ?? "no source"}`);
      throw new BuilderError(
        `no QEMU emulator for ${lines.join("; ")}: install qemu-user-static on the host, or let Kiln run the binfmt image`,
        "emulator-missing",
      );
    }
    options.onStep?.(`installing QEMU for ${forImage.map((m) => m.platform).join(", ")} with the binfmt image`);
    await installWithImage(
      options.image.docker,
      forImage.map((m) => m.platform),
      {
        ...(options.image.image ? { image: options.image.image } : {}),
        ...(options.image.mirrors ? { mirrors: options.image.mirrors } : {}),
        ...(options.image.timeoutMs !== undefined ? { timeoutMs: options.image.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    installed.push(...forImage.map((m) => ({ ...m, via: "image" as const })));
  }

  const still = missingEmulators(options.platforms, native, await readBinfmtEntries(dir));
  if (still.length > 0) {
    const after = await readBinfmtEntries(dir);
    const describe = (m: MissingEmulator): string => {
      const e = after.find((x) => x.name === `qemu-${m.arch}`);
      return e
        ? `${m.platform}: qemu-${m.arch} is ${e.enabled ? "enabled" : "disabled"} with flags "${e.flags}"`
        : `${m.platform}: qemu-${m.arch} is not registered`;
    };
    throw new BuilderError(
      `QEMU handlers still unusable after installing: ${still.map(describe).join("; ")}`,
      "emulator-install",
    );
  }
  return { native: nativeRequested, emulated, installed };
}
