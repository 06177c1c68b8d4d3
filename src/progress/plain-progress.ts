import type { SolveStatus, VertexProgress, VertexUpdate } from "../buildkit/index.js";

/** Where rendered lines go; one call per line, without the newline. */
export type LineSink = (line: string) => void;

interface VertexState {
  /** buildx's `#N`, assigned when the step is first printed, so numbers read in order down the log. */
  index: number;
  name: string;
  started: boolean;
  done: boolean;
  startedMs: number | undefined;
  lastStatus: Map<string, string>;
  /** A log line not yet ended by "\n", per stream: printed before the step's DONE or ERROR. */
  partialLog: Map<number, { text: string; timestampMs: number }>;
}

/** Seconds with one decimal and the unit, as buildx prints step and transfer times: "0.0s", "12.3s". */
export function formatSeconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
}

/** Decimal sizes with two decimals, as buildx's progress does (go-units HumanSize). */
function bytes(n: number): string {
  if (n < 1000) return `${n}B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(2)}${units[u]}`;
}

function progressText(s: VertexProgress): string {
  const amount = s.total > 0 ? `${bytes(s.current)} / ${bytes(s.total)}` : s.current > 0 ? bytes(s.current) : "";
  // buildx prints the id ("transferring dockerfile:"); the name is its shorter form.
  return [s.id || s.name, amount, s.completedMs !== undefined ? "done" : ""].filter(Boolean).join(" ");
}

/**
 * One batch's vertexes, the last update of each (an update is the vertex's whole state, and BuildKit may send a
 * completed vertex and then the same vertex started again in one batch), each after the vertexes it consumes
 * (BuildKit sends a batch of cache hits in no particular order): cached steps then read "[1/4]", "[2/4]", ... as the
 * Dockerfile does. Stable otherwise.
 */
function dependencyOrder(vertexes: readonly VertexUpdate[]): VertexUpdate[] {
  const byDigest = new Map(vertexes.map((v) => [v.digest, v]));
  const out: VertexUpdate[] = [];
  const seen = new Set<string>();
  const visit = (v: VertexUpdate): void => {
    if (seen.has(v.digest)) return;
    seen.add(v.digest);
    for (const input of v.inputs) {
      const dep = byDigest.get(input);
      if (dep) visit(dep);
    }
    out.push(v);
  };
  for (const v of byDigest.values()) visit(v);
  return out;
}

/**
 * Renders Status batches the way `docker buildx build --progress=plain` does (moby/buildkit
 * util/progress/progressui/printer.go): one numbered block per step, its log lines as "#N 0.123 text" (seconds since
 * the step started), then "#N CACHED", "#N DONE 1.2s" or "#N ERROR: ..." after the step's own last lines, and a
 * blank line between blocks.
 */
export class PlainProgress {
  private readonly vertexes = new Map<string, VertexState>();
  /**
   * Instant completions (started = completed) not printed yet: BuildKit reports a local transfer's vertex done from
   * its cache check, then starts it again for the transfer itself. Printed once a step that consumes it starts, or at
   * {@link end}; dropped when the vertex starts again.
   */
  private readonly held = new Map<string, string>();
  private printed = 0;
  private last: string | undefined;

  constructor(private readonly out: LineSink) {}

  private state(digest: string, name = ""): VertexState {
    let v = this.vertexes.get(digest);
    if (!v) {
      v = {
        index: 0,
        name,
        started: false,
        done: false,
        startedMs: undefined,
        lastStatus: new Map(),
        partialLog: new Map(),
      };
      this.vertexes.set(digest, v);
    }
    if (name) v.name = name;
    return v;
  }

  private line(digest: string, text: string): void {
    const v = this.state(digest);
    if (v.index === 0) v.index = ++this.printed;
    if (this.last !== digest && this.last !== undefined) this.out("");
    if (this.last !== digest) this.out(`#${v.index} ${v.name}`);
    this.last = digest;
    if (text) this.out(`#${v.index} ${text}`);
  }

  private logLine(digest: string, v: VertexState, text: string, timestampMs: number): void {
    const at = v.startedMs === undefined ? "" : `${(Math.max(0, timestampMs - v.startedMs) / 1000).toFixed(3)} `;
    this.line(digest, `${at}${text}`);
  }

  write(status: SolveStatus): void {
    const ordered = dependencyOrder(status.vertexes);
    // Starts first, then the batch's transfers and logs, then completions: a step's DONE or ERROR follows every
    // line it printed, even when BuildKit sends both in one batch.
    for (const vx of ordered) {
      const v = this.state(vx.digest, vx.name);
      if (vx.startedMs !== undefined) for (const input of vx.inputs) this.release(input);
      if (this.held.has(vx.digest) && vx.completedMs === undefined && vx.startedMs !== undefined) {
        this.held.delete(vx.digest);
        v.done = false;
        v.startedMs = vx.startedMs;
      }
      if (vx.startedMs !== undefined && !v.started) {
        v.started = true;
        v.startedMs = vx.startedMs;
        // A cache hit is printed with its result below, in dependency order.
        if (!vx.cached) this.line(vx.digest, "");
      }
    }
    for (const s of status.statuses) {
      const v = this.state(s.vertex);
      const text = progressText(s);
      // Transfers report many times a second; print only completions and the first sight of each.
      if (s.completedMs === undefined && v.lastStatus.has(s.id)) continue;
      if (v.lastStatus.get(s.id) === text) continue;
      v.lastStatus.set(s.id, text);
      this.line(s.vertex, text);
    }
    for (const log of status.logs) {
      const v = this.state(log.vertex);
      const pending = v.partialLog.get(log.stream);
      const lines = ((pending?.text ?? "") + Buffer.from(log.data).toString("utf8")).split("\n");
      const rest = lines.pop() ?? "";
      if (rest === "") v.partialLog.delete(log.stream);
      else v.partialLog.set(log.stream, { text: rest, timestampMs: pending?.timestampMs ?? log.timestampMs });
      for (const l of lines) this.logLine(log.vertex, v, l, pending?.timestampMs ?? log.timestampMs);
    }
    for (const w of status.warnings) {
      const where = w.filename && w.lines ? ` (${w.filename}:${w.lines.start})` : "";
      if (this.vertexes.has(w.vertex)) this.line(w.vertex, `WARN: ${w.short}${where}`);
      else this.out(`WARNING: ${w.short}${where}`);
    }
    for (const vx of ordered) {
      const v = this.state(vx.digest);
      if (v.done) continue;
      if (vx.cached) {
        v.done = true;
        this.line(vx.digest, "CACHED");
        continue;
      }
      if (!vx.error && vx.completedMs === undefined) continue;
      v.done = true;
      for (const [stream, partial] of v.partialLog) {
        this.logLine(vx.digest, v, partial.text, partial.timestampMs);
        v.partialLog.delete(stream);
      }
      if (vx.error) this.line(vx.digest, vx.error.endsWith("context canceled") ? "CANCELED" : `ERROR: ${vx.error}`);
      else if (vx.completedMs === vx.startedMs && v.lastStatus.size === 0) this.held.set(vx.digest, "DONE 0.0s");
      else this.line(vx.digest, `DONE ${formatSeconds(vx.completedMs! - (v.startedMs ?? vx.completedMs!))}`);
    }
  }

  /** Prints what is still held back; call once the solve has settled, failed or not. */
  end(): void {
    for (const digest of [...this.held.keys()]) this.release(digest);
    // A step that never completed (the build failed elsewhere, or was cancelled) still shows its last line, even
    // without a trailing newline: it is often the one that says what went wrong.
    for (const [digest, v] of this.vertexes) {
      for (const [stream, partial] of v.partialLog) {
        this.logLine(digest, v, partial.text, partial.timestampMs);
        v.partialLog.delete(stream);
      }
    }
  }

  private release(digest: string): void {
    const text = this.held.get(digest);
    if (text === undefined) return;
    this.held.delete(digest);
    this.line(digest, text);
  }
}
