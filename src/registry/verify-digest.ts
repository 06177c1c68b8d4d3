import { createHash } from "node:crypto";
import { RegistryError } from "./registry-error.js";

// Algorithms from opencontainers/image-spec v1.1 descriptor.md "Registered algorithms".
const ALGORITHMS: Readonly<Record<string, { hash: string; hexLength: number }>> = Object.freeze({
  sha256: { hash: "sha256", hexLength: 64 },
  sha512: { hash: "sha512", hexLength: 128 },
});

/** `sha256:<hex>` of `bytes`. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/**
 * Checks that `bytes` hash to `expected` (`sha256:` or `sha512:`), so content from a registry is the content
 * that was asked for. Throws `invalid` on a mismatch or an unsupported or malformed digest.
 */
export function verifyDigest(bytes: Uint8Array, expected: string): void {
  const [algorithm = "", hex = ""] = expected.split(":", 2);
  const spec = ALGORITHMS[algorithm];
  if (spec === undefined) {
    throw new RegistryError(`unsupported digest algorithm in ${JSON.stringify(expected)}`, "invalid");
  }
  if (hex.length !== spec.hexLength || !/^[0-9a-f]+$/.test(hex)) {
    throw new RegistryError(`malformed digest ${JSON.stringify(expected)}`, "invalid");
  }
  const actual = createHash(spec.hash).update(bytes).digest("hex");
  if (actual !== hex) {
    throw new RegistryError(
      `digest mismatch: expected ${expected}, the ${bytes.byteLength} bytes received hash to ${algorithm}:${actual}`,
      "invalid",
    );
  }
}
