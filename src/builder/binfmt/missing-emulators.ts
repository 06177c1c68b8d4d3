import { basename } from "node:path";
import { BuilderError } from "../docker-container/builder-error.js";
import type { BinfmtEntry } from "./binfmt-misc.js";
import { qemuArch } from "./qemu-arch.js";

/** A requested platform that needs a QEMU handler it does not have. */
export interface MissingEmulator {
  readonly platform: string;
  /** QEMU's architecture name: "aarch64", "arm", "riscv64". */
  readonly arch: string;
}

/**
 * Whether `entry` emulates QEMU architecture `arch` in a way builds can use: enabled, and with the F flag
 * (the kernel opens the interpreter at registration, so it works inside containers whose root filesystem has
 * no QEMU; without it an arm64 RUN step fails with "exec format error" or "no such file").
 */
export function handlesArch(entry: BinfmtEntry, arch: string): boolean {
  const interpreter = basename(entry.interpreter);
  const ours =
    entry.name === `qemu-${arch}` ||
    interpreter === `qemu-${arch}` ||
    interpreter === `qemu-${arch}-static` ||
    interpreter === `${arch}-binfmt-P`;
  return ours && entry.enabled && entry.flags.includes("F");
}

/**
 * The requested platforms that neither run natively nor have a usable QEMU handler, one per QEMU
 * architecture (linux/arm/v6 and linux/arm/v7 both need qemu-arm). Pure: the caller reads the registry.
 */
export function missingEmulators(
  requested: readonly string[],
  nativePlatforms: readonly string[],
  registered: readonly BinfmtEntry[],
): MissingEmulator[] {
  const native = new Set(nativePlatforms.map((p) => qemuArch(p)).filter((a): a is string => a !== undefined));
  const missing: MissingEmulator[] = [];
  for (const platform of requested) {
    const arch = qemuArch(platform);
    if (arch === undefined) {
      throw new BuilderError(`platforms: QEMU cannot emulate "${platform}"`, "invalid-options");
    }
    if (native.has(arch) || missing.some((m) => m.arch === arch)) continue;
    if (!registered.some((e) => handlesArch(e, arch))) missing.push({ platform, arch });
  }
  return missing;
}
