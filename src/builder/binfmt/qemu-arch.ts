import { parsePlatform, type Platform } from "../../shared/platform.js";
import { BuilderError } from "../docker-container/builder-error.js";

// OCI architecture -> QEMU's name for it (the qemu-<name> binaries and binfmt entries), after
// tonistiigi/binfmt cmd/binfmt/config.go and qemu scripts/qemu-binfmt-conf.sh.
const qemuNames: Readonly<Record<string, string>> = Object.freeze({
  amd64: "x86_64",
  arm64: "aarch64",
  arm: "arm",
  "386": "i386",
  ppc64le: "ppc64le",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  mips64le: "mips64el",
  mips64: "mips64",
  mipsle: "mipsel",
  mips: "mips",
  loong64: "loongarch64",
});

/** The platform's parts; throws a BuilderError naming the platform when it is none (see `parsePlatform`). */
export function platformParts(platform: string): Platform {
  const parsed = parsePlatform(platform);
  if (parsed === undefined) {
    throw new BuilderError(
      `platforms: expected "os/arch[/variant]" like "linux/arm64", got "${platform}"`,
      "invalid-options",
    );
  }
  return parsed;
}

/** QEMU's name for the platform's architecture ("linux/arm64" -> "aarch64"), or undefined when QEMU has none. */
export function qemuArch(platform: string): string | undefined {
  const p = platformParts(platform);
  return p.os === "linux" ? qemuNames[p.architecture] : undefined;
}

/**
 * Platforms a machine runs without emulation, from Node's `process.arch`. An amd64 kernel runs 386 binaries;
 * arm64 machines are not assumed to run 32-bit arm (many server CPUs lack AArch32), so arm gets QEMU there.
 */
export function nativePlatforms(nodeArch: string = process.arch): string[] {
  switch (nodeArch) {
    case "x64":
      return ["linux/amd64", "linux/386"];
    case "ia32":
      return ["linux/386"];
    case "arm64":
      return ["linux/arm64"];
    case "arm":
      return ["linux/arm/v7"];
    case "ppc64":
      return ["linux/ppc64le"]; // Node reports little-endian POWER as ppc64
    case "s390x":
      return ["linux/s390x"];
    case "riscv64":
      return ["linux/riscv64"];
    case "loong64":
      return ["linux/loong64"];
    default:
      return [];
  }
}
