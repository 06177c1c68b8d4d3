import { status as GrpcStatus } from "@grpc/grpc-js";

/** What went wrong, in gRPC's vocabulary, so callers can branch without parsing messages. */
export const Code = {
  Canceled: "canceled",
  Unavailable: "unavailable",
  NotFound: "not-found",
  InvalidArgument: "invalid-argument",
  Unimplemented: "unimplemented",
  PermissionDenied: "permission-denied",
  DeadlineExceeded: "deadline-exceeded",
  Internal: "internal",
  Unknown: "unknown",
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** Where a Dockerfile error points: file name and 1-based lines, as the daemon reported them. */
export interface SourceLocation {
  readonly filename: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The one error class of the BuildKit client: a code, the message and what caused it. */
export class BuildkitError extends Error {
  override readonly name = "BuildkitError";
  readonly code: Code;
  /** Dockerfile location of the failing instruction, when the daemon attached one. */
  readonly source: SourceLocation | undefined;

  constructor(message: string, code: Code, options: { cause?: unknown; source?: SourceLocation } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
  }
}

const fromGrpc: Record<number, Code> = {
  [GrpcStatus.CANCELLED]: Code.Canceled,
  [GrpcStatus.UNAVAILABLE]: Code.Unavailable,
  [GrpcStatus.NOT_FOUND]: Code.NotFound,
  [GrpcStatus.INVALID_ARGUMENT]: Code.InvalidArgument,
  [GrpcStatus.UNIMPLEMENTED]: Code.Unimplemented,
  [GrpcStatus.PERMISSION_DENIED]: Code.PermissionDenied,
  [GrpcStatus.DEADLINE_EXCEEDED]: Code.DeadlineExceeded,
  [GrpcStatus.INTERNAL]: Code.Internal,
};

/** Maps a gRPC status number to the client's error code. */
export function codeFromGrpcStatus(status: number | undefined): Code {
  return (status !== undefined && fromGrpc[status]) || Code.Unknown;
}
