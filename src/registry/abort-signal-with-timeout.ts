import { RegistryError } from "./registry-error.js";

/** The caller's signal combined with a deadline of `timeoutMs` milliseconds. */
export function abortSignalWithTimeout(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const deadline = AbortSignal.timeout(timeoutMs);
  return signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
}

/** The error to report once `signal` has fired: a timeout is `unavailable`, the caller's abort is `aborted`. */
export function abortError(signal: AbortSignal, timeoutMs: number | undefined): RegistryError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    const after = timeoutMs === undefined ? "" : ` after ${timeoutMs} ms`;
    return new RegistryError(`timed out${after}`, "unavailable", { cause: reason });
  }
  return new RegistryError("aborted", "aborted", { cause: reason });
}
