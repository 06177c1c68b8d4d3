import type { SolveStatus } from "../src/buildkit/index.js";

/** One step's span as the daemon reports it, and the bytes its "transferring" progress reached. */
export interface StepTime {
  readonly ms: number;
  readonly cached: boolean;
  readonly transferredBytes: number;
}

interface Span {
  name: string;
  started: number | undefined;
  completed: number | undefined;
  cached: boolean;
  transferred: number;
}

/**
 * Collects per-step spans from Status updates, whichever client received them. A step can be reported started and
 * completed more than once (the local source is completed, then restarted for the transfer), so a span runs from
 * its first start to its last completion. Timestamps are the daemon's, so both clients are timed by the same clock.
 */
export class StepTimes {
  private readonly spans = new Map<string, Span>();

  private span(digest: string): Span {
    let s = this.spans.get(digest);
    if (!s) {
      s = { name: "", started: undefined, completed: undefined, cached: false, transferred: 0 };
      this.spans.set(digest, s);
    }
    return s;
  }

  vertex(
    digest: string,
    name: string,
    startedMs: number | undefined,
    completedMs: number | undefined,
    cached: boolean,
  ) {
    const s = this.span(digest);
    if (name) s.name = name;
    if (startedMs !== undefined) s.started = Math.min(s.started ?? startedMs, startedMs);
    if (completedMs !== undefined) s.completed = Math.max(s.completed ?? completedMs, completedMs);
    s.cached ||= cached;
  }

  progress(vertexDigest: string, id: string, current: number): void {
    if (id.startsWith("transferring")) {
      const s = this.span(vertexDigest);
      s.transferred = Math.max(s.transferred, current);
    }
  }

  /** Kiln's library status batches. */
  addKiln(status: SolveStatus): void {
    for (const v of status.vertexes) this.vertex(v.digest, v.name, v.startedMs, v.completedMs, v.cached);
    for (const p of status.statuses) this.progress(p.vertex, p.id || p.name, p.current);
  }

  /** The first step whose name matches, e.g. "[internal] load build context". */
  step(name: string | RegExp): StepTime | undefined {
    for (const s of this.spans.values()) {
      const matches = typeof name === "string" ? s.name === name : name.test(s.name);
      if (matches && s.started !== undefined && s.completed !== undefined) {
        return { ms: s.completed - s.started, cached: s.cached, transferredBytes: s.transferred };
      }
    }
    return undefined;
  }
}

/**
 * Feeds `docker buildx build --progress=rawjson` output (a stream of pretty-printed client.SolveStatus JSON objects,
 * RFC 3339 timestamps) into `times`.
 */
export function addBuildxRawJson(times: StepTimes, output: string): void {
  for (const text of jsonObjects(output)) {
    let status: RawStatus;
    try {
      status = JSON.parse(text) as RawStatus;
    } catch {
      continue;
    }
    for (const v of status.vertexes ?? []) {
      times.vertex(v.digest, v.name ?? "", msOf(v.started), msOf(v.completed), v.cached ?? false);
    }
    for (const p of status.statuses ?? []) times.progress(p.vertex, p.id ?? p.name ?? "", p.current ?? 0);
  }
}

interface RawStatus {
  vertexes?: { digest: string; name?: string; started?: string; completed?: string; cached?: boolean }[];
  statuses?: { id?: string; vertex: string; name?: string; current?: number }[];
}

function msOf(t: string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Splits concatenated top-level JSON objects, skipping any text between them. */
function* jsonObjects(text: string): Generator<string> {
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && depth > 0 && --depth === 0) yield text.slice(start, i + 1);
  }
}
