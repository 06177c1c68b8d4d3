import type { Timestamp } from "@bufbuild/protobuf/wkt";
import type { StatusResponse, SourceInfo, Range } from "../gen/moby/buildkit/v1/control_pb.js";

/** Milliseconds since the epoch; BuildKit's timestamps have nanoseconds, which progress output does not need. */
function ms(t: Timestamp | undefined): number | undefined {
  return t === undefined ? undefined : Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6);
}

export interface VertexUpdate {
  readonly digest: string;
  /** Digests of the vertexes this one consumes. */
  readonly inputs: readonly string[];
  readonly name: string;
  readonly cached: boolean;
  readonly startedMs: number | undefined;
  readonly completedMs: number | undefined;
  readonly error: string;
  readonly progressGroup: string | undefined;
}

export interface VertexProgress {
  readonly id: string;
  readonly vertex: string;
  readonly name: string;
  readonly current: number;
  readonly total: number;
  readonly completedMs: number | undefined;
  /** When the daemon reported this update, and when the item started (buildx's rawjson prints both). */
  readonly timestampMs?: number;
  readonly startedMs?: number;
}

export interface VertexLogLine {
  readonly vertex: string;
  readonly timestampMs: number;
  /** 1 = stdout, 2 = stderr. */
  readonly stream: number;
  readonly data: Uint8Array;
}

export interface VertexWarning {
  readonly vertex: string;
  readonly level: number;
  readonly short: string;
  readonly detail: readonly string[];
  readonly url: string;
  readonly filename: string | undefined;
  /** 1-based line range in `filename`, when the warning points into a source file. */
  readonly lines: { readonly start: number; readonly end: number } | undefined;
}

/** One batch of progress from the Status stream, with plain numbers and strings instead of wire types. */
export interface SolveStatus {
  readonly vertexes: readonly VertexUpdate[];
  readonly statuses: readonly VertexProgress[];
  readonly logs: readonly VertexLogLine[];
  readonly warnings: readonly VertexWarning[];
}

function lines(ranges: readonly Range[]): VertexWarning["lines"] {
  const first = ranges[0];
  if (!first?.start) return undefined;
  return { start: first.start.line, end: first.end?.line ?? first.start.line };
}

function filename(info: SourceInfo | undefined): string | undefined {
  return info?.filename || undefined;
}

function optionalMs<K extends string>(key: K, t: Timestamp | undefined): Partial<Record<K, number>> {
  const v = ms(t);
  return v === undefined ? {} : ({ [key]: v } as Record<K, number>);
}

export function toSolveStatus(r: StatusResponse): SolveStatus {
  const decoder = new TextDecoder();
  return {
    vertexes: r.vertexes.map((v) => ({
      digest: v.digest,
      inputs: v.inputs,
      name: v.name,
      cached: v.cached,
      startedMs: ms(v.started),
      completedMs: ms(v.completed),
      error: v.error,
      progressGroup: v.progressGroup?.name || undefined,
    })),
    statuses: r.statuses.map((s) => ({
      id: s.ID,
      vertex: s.vertex,
      name: s.name,
      current: Number(s.current),
      total: Number(s.total),
      completedMs: ms(s.completed),
      ...optionalMs("timestampMs", s.timestamp),
      ...optionalMs("startedMs", s.started),
    })),
    logs: r.logs.map((l) => ({
      vertex: l.vertex,
      timestampMs: ms(l.timestamp) ?? 0,
      stream: Number(l.stream),
      data: l.msg,
    })),
    warnings: r.warnings.map((w) => ({
      vertex: w.vertex,
      level: Number(w.level),
      short: decoder.decode(w.short),
      detail: w.detail.map((d) => decoder.decode(d)),
      url: w.url,
      filename: filename(w.info),
      lines: lines(w.ranges),
    })),
  };
}
