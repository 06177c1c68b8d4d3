import type { VertexLogLine } from "../buildkit/index.js";

/**
 * The last lines each step printed, kept so a failed build can show why without the whole log (buildx prints the
 * failing step's last lines in its error block). Streams are split per vertex and stream, as the daemon sends
 * them; a line still without its newline counts as a line, since a failing command's last words often have none.
 */
export class StepLogTail {
  private readonly lines = new Map<string, string[]>();
  private readonly partial = new Map<string, string>();

  /** `limit`: lines kept per step; older ones are dropped as new ones arrive. */
  constructor(private readonly limit: number) {}

  add(logs: readonly VertexLogLine[]): void {
    for (const log of logs) {
      const key = `${log.vertex}\0${log.stream}`;
      const parts = ((this.partial.get(key) ?? "") + Buffer.from(log.data).toString("utf8")).split("\n");
      const rest = parts.pop() ?? "";
      if (rest === "") this.partial.delete(key);
      else this.partial.set(key, rest);
      if (parts.length > 0) this.push(log.vertex, parts);
    }
  }

  /** The step's last lines in arrival order, its unterminated last line included; empty when it printed nothing. */
  of(vertex: string): string[] {
    const done = this.lines.get(vertex) ?? [];
    const open = [...this.partial].filter(([k]) => k.startsWith(`${vertex}\0`)).map(([, text]) => text);
    return [...done, ...open].map((l) => l.replace(/\r$/, "")).slice(-this.limit);
  }

  private push(vertex: string, add: readonly string[]): void {
    const kept = this.lines.get(vertex) ?? [];
    kept.push(...add);
    if (kept.length > this.limit) kept.splice(0, kept.length - this.limit);
    this.lines.set(vertex, kept);
  }
}
