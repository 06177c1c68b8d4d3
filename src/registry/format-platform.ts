import type { Platform } from "./oci-types.js";
import { RegistryError } from "./registry-error.js";

/** Formats a platform the way `--platform` takes it: `linux/amd64`, `linux/arm64/v8`. */
export function formatPlatform(platform: Platform): string {
  const base = `${platform.os}/${platform.architecture}`;
  return platform.variant === undefined || platform.variant === "" ? base : `${base}/${platform.variant}`;
}

/** Parses `os/arch[/variant]` as written by users and by {@link formatPlatform}; no normalisation. */
export function parsePlatform(input: string): Platform {
  const parts = input.trim().split("/");
  const [os, architecture, variant] = parts;
  if (parts.length > 3 || os === undefined || os === "" || architecture === undefined || architecture === "") {
    throw new RegistryError(
      `failed to parse platform ${JSON.stringify(input)}: expected "os/arch" or "os/arch/variant"`,
      "invalid",
    );
  }
  return variant === undefined || variant === "" ? { os, architecture } : { os, architecture, variant };
}
