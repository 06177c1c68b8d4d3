import { messageOf } from "../shared/message-of.js";
/**
 * What went wrong, coarse enough to branch on:
 * - `invalid`: a bad reference or argument, malformed registry JSON, or bytes that do not match their digest;
 * - `unauthorized`: the registry refused us (401, or 403 after authenticating), or we have no credentials;
 * - `not-found`: the repository, manifest, blob or tag does not exist (404);
 * - `unavailable`: the network, TLS, a timeout, a 5xx, a missing credential helper;
 * - `aborted`: the caller's `AbortSignal` fired.
 */
export type RegistryErrorCode = "invalid" | "unauthorized" | "not-found" | "unavailable" | "aborted";

/**
 * The only error the registry client throws. `message` reads "failed to <verb> <ref>: <reason>"; `cause` keeps
 * the underlying error (a Node system error, a distribution error body) for logs.
 */
export class RegistryError extends Error {
  override readonly name = "RegistryError";
  readonly code: RegistryErrorCode;

  constructor(message: string, code: RegistryErrorCode, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** Wraps any error thrown below a public function in one "failed to <what>: ..." message, keeping its code. */
export function wrapRegistryError(what: string, err: unknown): RegistryError {
  if (err instanceof RegistryError) {
    return new RegistryError(`failed to ${what}: ${err.message}`, err.code, { cause: err.cause ?? err });
  }
  if (err instanceof Error && err.name === "AbortError") {
    return new RegistryError(`failed to ${what}: aborted`, "aborted", { cause: err });
  }
  const reason = messageOf(err);
  return new RegistryError(`failed to ${what}: ${reason}`, "unavailable", { cause: err });
}
