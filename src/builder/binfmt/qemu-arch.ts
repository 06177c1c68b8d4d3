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

/** A platform as "os/arch[/variant]" split into parts, with the usual aliases normalized (aarch64, x86_64, armhf). */
export interface Platform {
  readonly os: string;
  readonly arch: string;
  readonly variant?: string;
}

const archAliases: Readonly<Record<string, string>> = Object.freeze({
  aarch64: "arm64",
  x86_64: "amd64",
  "x86-64": "amd64",
  i386: "386",
  i686: "386",
  armhf: "arm",
  armel: "arm",
});

/** Parses "linux/arm64", "linux/arm/v7", "linux/amd64/v2"; throws a BuilderError naming the platform otherwise. */
export function parsePlatform(platform: string): Platform {
  const parts = platform.trim().toLowerCase().split("/");
  const [os, rawArch, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !os || !rawArch || parts.some((p) => p === "")) {
    throw new BuilderError(
      `platforms: expected "os/arch[/variant]" like "linux/arm64", got "${platform}"`,
      "invalid-options",
    );
  }
  const arch = archAliases[rawArch] ?? rawArch;
  return variant ? { os, arch, variant } : { os, arch };
}

/** QEMU's name for the platform's architecture ("linux/arm64" -> "aarch64"), or undefined when QEMU has none. */
export function qemuArch(platform: string): string | undefined {
  const p = parsePlatform(platform);
  return p.os === "linux" ? qemuNames[p.arch] : undefined;
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
