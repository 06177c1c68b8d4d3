import { RegistryError } from "./registry-error.js";

/** A caller's signal joined with a deadline, and the error to report once it has fired. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** `unavailable` "timed out after N ms" for this deadline, `unavailable` "timed out" for a caller's
   * timeout signal, `aborted` for any other abort by the caller. */
  abortError(): RegistryError;
}

/** Joins `signal` with a deadline of `timeoutMs` milliseconds from now. */
export function withDeadline(signal: AbortSignal | undefined, timeoutMs: number): Deadline {
  const deadline = AbortSignal.timeout(timeoutMs);
  const joined = signal === undefined ? deadline : AbortSignal.any([signal, deadline]);
  return {
    signal: joined,
    abortError() {
      if (deadline.aborted && signal?.aborted !== true) {
        return new RegistryError(`timed out after ${timeoutMs} ms`, "unavailable", { cause: deadline.reason });
      }
      const reason: unknown = signal?.reason;
      if (reason instanceof Error && reason.name === "TimeoutError") {
        return new RegistryError("timed out", "unavailable", { cause: reason });
      }
      return new RegistryError("aborted", "aborted", { cause: reason });
    },
  };
}

/**
 * For functions made of several calls: `timeoutMs`, if given, bounds the whole operation (each call still has
 * the client's per-call deadline); the result is the options to hand to each call.
 */
export function wholeOperation(options: { readonly signal?: AbortSignal; readonly timeoutMs?: number }): {
  readonly signal?: AbortSignal;
} {
  if (options.timeoutMs !== undefined) return { signal: withDeadline(options.signal, options.timeoutMs).signal };
  return options.signal === undefined ? {} : { signal: options.signal };
}
