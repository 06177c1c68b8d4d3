// The one place that knows platform strings: parsing, containerd's normalisation, formatting and comparison.
// Every layer (BuildKit client, registry, builder, plan) uses it, so "linux/aarch64" in one input and "linux/arm64"
// in another always name the same platform.

/** A platform in OCI's shape (image index `platform`, BuildKit's `pb.Platform` after conversion). */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

// Operating systems and architectures containerd's platforms package knows (containerd/platforms
// database.go `isKnownOS`, `isKnownArch`, v0.2); BuildKit formats platforms with the same package.
const KNOWN_OS = new Set(
  "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos".split(
    " ",
  ),
);
const KNOWN_ARCH = new Set(
  (
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 " +
    "ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm"
  ).split(" "),
);

/**
 * One `os/arch[/variant]` as written by a user, normalised the way containerd's `platforms.Parse` does
 * (`linux/x86_64` is `linux/amd64`, `linux/arm` is `linux/arm/v7`, `linux/arm64/v8` is `linux/arm64`,
 * `linux/i386` is `linux/386`, `linux/armhf` is `linux/arm/v7`): the names BuildKit reports back. `undefined` when
 * it is not a platform containerd knows.
 */
export function parsePlatform(input: string): Platform | undefined {
  const parts = input.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [rawOs = "", rawArch = "", rawVariant = ""] = parts;
  if (parts.length === 3 && !/^[a-z0-9.]+$/.test(rawVariant)) return undefined;
  const os = rawOs === "macos" ? "darwin" : rawOs;
  const [architecture, variant] = normalizeArch(rawArch, rawVariant);
  if (!KNOWN_OS.has(os) || !KNOWN_ARCH.has(architecture)) return undefined;
  return variant === "" ? { os, architecture } : { os, architecture, variant };
}

/** {@link parsePlatform} then {@link formatPlatform}: the normalised string, or `undefined`. */
export function normalizePlatform(input: string): string | undefined {
  const p = parsePlatform(input);
  return p === undefined ? undefined : formatPlatform(p);
}

/** `os/arch` or `os/arch/variant`, as `--platform` takes it and BuildKit reports it. */
export function formatPlatform(platform: Platform): string {
  const base = `${platform.os}/${platform.architecture}`;
  return platform.variant === undefined || platform.variant === "" ? base : `${base}/${platform.variant}`;
}

/** Comparison key: the normalised form when the string is a platform, else the string as written. */
export function platformKey(platform: string): string {
  return normalizePlatform(platform) ?? platform;
}

/** Whether two platform strings name the same platform once normalised. */
export function samePlatform(a: string, b: string): boolean {
  return platformKey(a) === platformKey(b);
}

// containerd/platforms database.go normalizeArch, plus the Debian names (armhf, armel) buildx users write.
function normalizeArch(arch: string, variant: string): [string, string] {
  switch (arch) {
    case "i386":
    case "i686":
      return ["386", ""];
    case "x86_64":
    case "x86-64":
    case "amd64":
      return ["amd64", variant === "v1" ? "" : variant];
    case "aarch64":
    case "arm64":
      switch (variant) {
        case "8":
        case "v8":
        case "v8.0":
          return ["arm64", ""];
        case "9":
        case "9.0":
        case "v9.0":
          return ["arm64", "v9"];
        default:
          return ["arm64", /^\d/.test(variant) ? `v${variant}` : variant];
      }
    case "armhf":
      return ["arm", "v7"];
    case "armel":
      return ["arm", "v6"];
    case "arm":
      if (variant === "" || variant === "7") return ["arm", "v7"];
      if (variant === "5" || variant === "6" || variant === "8") return ["arm", `v${variant}`];
      return ["arm", variant];
    default:
      return [arch, variant];
  }
}
