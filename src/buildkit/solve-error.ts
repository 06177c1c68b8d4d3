import type { ServiceError } from "@grpc/grpc-js";
import { fromBinary } from "@bufbuild/protobuf";
import { StatusSchema } from "./gen/google/rpc/status_pb.js";
import { SourceSchema } from "./gen/moby/buildkit/v1/errdefs_pb.js";
import type { SourceLocation } from "./errors.js";

// moby/buildkit solver/errdefs: the daemon attaches a Source detail (type URL ends with ".Source") to errors
// raised by a Dockerfile instruction.
const sourceTypeSuffix = "errdefs.Source";

/** The Dockerfile location a failed Solve points at, decoded from grpc-status-details-bin. */
export function sourceLocationOf(err: Partial<ServiceError>): SourceLocation | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin")[0];
  if (!(raw instanceof Buffer)) return undefined;
  let status;
  try {
    status = fromBinary(StatusSchema, raw);
  } catch {
    return undefined;
  }
  for (const detail of status.details) {
    if (!detail.typeUrl.endsWith(sourceTypeSuffix)) continue;
    const source = fromBinary(SourceSchema, detail.value);
    const range = source.ranges[0];
    const filename = source.info?.filename;
    if (filename && range?.start) {
      return { filename, startLine: range.start.line, endLine: range.end?.line ?? range.start.line };
    }
  }
  return undefined;
}
