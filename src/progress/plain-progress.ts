import type { SolveStatus, VertexProgress } from "../buildkit/index.js";

/** Where rendered lines go; one call per line, without the newline. */
export type LineSink = (line: string) => void;

interface VertexState {
  readonly index: number;
  name: string;
  started: boolean;
  done: boolean;
  startedMs: number | undefined;
  lastStatus: Map<string, string>;
  partialLog: Map<number, string>;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function bytes(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ["kB", "MB", "GB"];
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
  return [s.name || s.id, amount, s.completedMs !== undefined ? "done" : ""].filter(Boolean).join(" ");
}

/**
 * Renders Status batches the way `docker buildx build --progress=plain` does: one numbered block per step,
 * "#N CACHED", "#N DONE 1.2s", "#N ERROR: ...", log lines prefixed with the step number and elapsed seconds.
 */
export class PlainProgress {
  private readonly vertexes = new Map<string, VertexState>();
  private last: string | undefined;

  constructor(private readonly out: LineSink) {}

  private state(digest: string, name = ""): VertexState {
    let v = this.vertexes.get(digest);
    if (!v) {
      v = {
        index: this.vertexes.size + 1,
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
    if (this.last !== digest && this.last !== undefined) this.out("");
    if (this.last !== digest) this.out(`#${v.index} ${v.name}`);
    this.last = digest;
    if (text) this.out(`#${v.index} ${text}`);
  }

  write(status: SolveStatus): void {
    for (const vx of status.vertexes) {
      const v = this.state(vx.digest, vx.name);
      if (vx.startedMs !== undefined && !v.started) {
        v.started = true;
        v.startedMs = vx.startedMs;
        this.line(vx.digest, "");
      }
      if (v.done) continue;
      if (vx.cached) {
        v.done = true;
        this.line(vx.digest, "CACHED");
      } else if (vx.error) {
        v.done = true;
        this.line(vx.digest, `ERROR: ${vx.error}`);
      } else if (vx.completedMs !== undefined) {
        v.done = true;
        this.line(vx.digest, `DONE ${seconds(vx.completedMs - (v.startedMs ?? vx.completedMs))}`);
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
      const text = (v.partialLog.get(log.stream) ?? "") + Buffer.from(log.data).toString("utf8");
      const lines = text.split("\n");
      v.partialLog.set(log.stream, lines.pop() ?? "");
      const at = v.startedMs === undefined ? "" : `${seconds(Math.max(0, log.timestampMs - v.startedMs))} `;
      for (const l of lines) this.line(log.vertex, `${at}${l}`);
    }
    for (const w of status.warnings) {
      const where = w.filename && w.lines ? ` (${w.filename}:${w.lines.start})` : "";
      this.out(`WARNING: ${w.short}${where}`);
    }
  }
}
