/** What went wrong while starting or preparing a builder; lets callers and tests branch without parsing text. */
export type BuilderErrorCode =
  "invalid-options" | "image-pull" | "container" | "not-ready" | "emulator-missing" | "emulator-install";

/**
 * The error class of the builder layer (docker-container driver, QEMU emulators). The message is one line
 * that says what failed and why ("failed to pull moby/buildkit:...: <daemon's message>"); diagnostics that
 * help (a container's log tail) follow on later lines.
 */
export class BuilderError extends Error {
  override readonly name = "BuilderError";
  readonly code: BuilderErrorCode;

  constructor(message: string, code: BuilderErrorCode, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
