import type { ServiceError } from "@grpc/grpc-js";
import { fromBinary } from "@bufbuild/protobuf";
import { StatusSchema } from "../gen/google/rpc/status_pb.js";
import { SourceSchema } from "../gen/moby/buildkit/v1/errdefs_pb.js";
import type { SourceLocation } from "../errors.js";

// moby/buildkit solver/errdefs: the daemon attaches a Source detail to errors raised by a Dockerfile
// instruction. v0.13 encodes it as JSON ("github.com/moby/buildkit/errdefs.Source+json", seen on Docker 26.1);
// the protobuf form is accepted too.
const sourceType = "errdefs.Source";
const jsonSuffix = "+json";

interface SourceJson {
  info?: { filename?: string };
  ranges?: { start?: { line?: number }; end?: { line?: number } }[];
}

function location(
  filename: string | undefined,
  start: number | undefined,
  end: number | undefined,
): SourceLocation | undefined {
  if (!filename || !start) return undefined;
  return { filename, startLine: start, endLine: end || start };
}

function decodeSource(typeUrl: string, value: Uint8Array): SourceLocation | undefined {
  if (typeUrl.endsWith(sourceType + jsonSuffix)) {
    const json = JSON.parse(Buffer.from(value).toString("utf8")) as SourceJson;
    const range = json.ranges?.[0];
    return location(json.info?.filename, range?.start?.line, range?.end?.line);
  }
  if (typeUrl.endsWith(sourceType)) {
    const source = fromBinary(SourceSchema, value);
    const range = source.ranges[0];
    return location(source.info?.filename, range?.start?.line, range?.end?.line);
  }
  return undefined;
}

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
    try {
      const found = decodeSource(detail.typeUrl, detail.value);
      if (found) return found;
    } catch {
      // A detail we cannot decode only costs the location, never the error itself.
    }
  }
  return undefined;
}
