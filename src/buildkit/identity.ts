import { randomBytes } from "node:crypto";

/**
 * A random 25-character base36 ID, the shape BuildKit's Go client uses for solve refs and session IDs
 * (moby/buildkit identity.NewID). Session IDs must not contain ':' (session/manager.go splits on it).
 */
export function newId(): string {
  const n = BigInt(`0x${randomBytes(16).toString("hex")}`);
  return n.toString(36).padStart(25, "0").slice(-25);
}
