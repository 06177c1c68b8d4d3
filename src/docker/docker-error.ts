/** The one error class of the Docker Engine client. `status` is the HTTP status when the daemon answered. */
export class DockerError extends Error {
  override readonly name = "DockerError";
  readonly status: number | undefined;

  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}
