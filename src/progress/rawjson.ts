import type { SolveStatus } from "../buildkit/index.js";

/**
 * One status batch as buildx's `--progress rawjson` prints it: BuildKit's client.SolveStatus marshalled by Go's
 * encoding/json (moby/buildkit client/graph.go json tags; progressui's raw JSON display writes one per line). So:
 * lower-case field names, `omitempty` fields left out when empty, byte slices as base64, times as RFC3339Nano in
 * UTC. Kiln keeps times to the millisecond, so the fraction has at most three digits. Progress groups are left out
 * (Kiln keeps only their name, not the id buildx would print).
 */
export function rawJsonLine(s: SolveStatus): string {
  const out: Record<string, unknown> = {};
  if (s.vertexes.length > 0) {
    out["vertexes"] = s.vertexes.map((v) =>
      compact({
        digest: v.digest,
        inputs: v.inputs.length > 0 ? v.inputs : undefined,
        name: v.name,
        started: time(v.startedMs),
        completed: time(v.completedMs),
        cached: v.cached,
        error: v.error,
      }),
    );
  }
  if (s.statuses.length > 0) {
    out["statuses"] = s.statuses.map((st) => ({
      id: st.id, // not omitempty in BuildKit's struct
      ...compact({ vertex: st.vertex, name: st.name, total: st.total }),
      current: st.current,
      timestamp: time(st.timestampMs) ?? GO_ZERO_TIME,
      ...compact({ started: time(st.startedMs), completed: time(st.completedMs) }),
    }));
  }
  if (s.logs.length > 0) {
    out["logs"] = s.logs.map((l) => ({
      ...compact({ vertex: l.vertex, stream: l.stream }),
      data: Buffer.from(l.data).toString("base64"),
      timestamp: time(l.timestampMs) ?? GO_ZERO_TIME,
    }));
  }
  if (s.warnings.length > 0) {
    out["warnings"] = s.warnings.map((w) =>
      compact({
        vertex: w.vertex,
        level: w.level,
        short: base64(w.short),
        detail: w.detail.length > 0 ? w.detail.map((d) => base64(d)) : undefined,
        url: w.url,
        sourceInfo: w.filename === undefined ? undefined : { filename: w.filename },
        range: w.lines === undefined ? undefined : [{ start: { line: w.lines.start }, end: { line: w.lines.end } }],
      }),
    );
  }
  return JSON.stringify(out);
}

/** What Go's time.Time{} marshals to: a non-pointer time the daemon did not send. */
const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/** Go's time.RFC3339Nano: the fraction without trailing zeros, no dot when it is zero. */
function time(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  return new Date(ms).toISOString().replace(/\.?0+Z$/, "Z");
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Drops what Go's `omitempty` drops: zero numbers, false, empty strings, nil. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "" && v !== 0 && v !== false));
}
