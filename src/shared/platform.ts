import { InputError } from "../plan/input-error.js";
import { parseList } from "../plan/values/parse-list.js";

// Operating systems and architectures containerd's platforms package knows (containerd/platforms
// database.go `isKnownOS`, `isKnownArch`, v0.2); BuildKit formats platforms with the same package.
const KNOWN_OS = new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "hurd",
  "illumos",
  "ios",
  "js",
  "linux",
  "nacl",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos",
]);
const KNOWN_ARCH = new Set([
  "386",
  "amd64",
  "amd64p32",
  "arm",
  "armbe",
  "arm64",
  "arm64be",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "mips64p32",
  "mips64p32le",
  "ppc",
  "ppc64",
  "ppc64le",
  "riscv",
  "riscv64",
  "s390",
  "s390x",
  "sparc",
  "sparc64",
  "wasm",
]);

const EXPECTED = 'a list like "linux/amd64,linux/arm64"';

/**
 * `platforms`: `os/arch[/variant]` items, comma or newline separated, normalised the way containerd's
 * `platforms.Parse` does (so `linux/x86_64` is `linux/amd64`, `linux/arm` is `linux/arm/v7`, `linux/arm64/v8` is
 * `linux/arm64`): the names BuildKit reports back, which key the `digests` output. Duplicates are dropped.
 */
export function parsePlatforms(input: string, name = "platforms"): string[] {
  const out: string[] = [];
  for (const item of parseList(input, name)) {
    const platform = normalizePlatform(item);
    if (platform === undefined) throw InputError.expected(name, EXPECTED, item);
    if (!out.includes(platform)) out.push(platform);
  }
  return out;
}

/** One `os/arch[/variant]`, normalised; `undefined` when it is not a platform containerd knows. */
export function normalizePlatform(input: string): string | undefined {
  const parts = input.trim().toLowerCase().split("/");
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [rawOs = "", rawArch = "", rawVariant = ""] = parts;
  if (parts.length === 3 && !/^[a-z0-9.]+$/.test(rawVariant)) return undefined;
  const os = rawOs === "macos" ? "darwin" : rawOs;
  const [arch, variant] = normalizeArch(rawArch, rawVariant);
  if (!KNOWN_OS.has(os) || !KNOWN_ARCH.has(arch)) return undefined;
  return variant === "" ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}

// containerd/platforms database.go normalizeArch.
function normalizeArch(arch: string, variant: string): [string, string] {
  switch (arch) {
    case "i386":
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
