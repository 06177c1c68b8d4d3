import { readFile } from "node:fs/promises";

/** One line of a Dockerfile excerpt: its 1-based number, its text and whether the error points at it. */
export interface ExcerptLine {
  readonly line: number;
  readonly text: string;
  readonly failing: boolean;
}

/** Lines shown before and after the failing instruction, as buildx's error block shows its neighbours. */
const AROUND = 3;
/** A long RUN (a heredoc) is cut to this many lines, so the excerpt stays a glance. */
const MAX_FAILING = 12;

/**
 * The failing instruction of `dockerfile` with a few lines around it; `undefined` when the file cannot be read or
 * the lines lie outside it (the daemon named another file, or it changed since).
 */
export async function dockerfileExcerpt(
  dockerfile: string,
  lines: { readonly startLine: number; readonly endLine: number },
): Promise<ExcerptLine[] | undefined> {
  const text = await readFile(dockerfile, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const all = text.split(/\r?\n/);
  if (all.at(-1) === "") all.pop();
  const start = lines.startLine;
  const end = Math.min(Math.max(lines.endLine, start), start + MAX_FAILING - 1);
  if (start < 1 || start > all.length) return undefined;
  const first = Math.max(1, start - AROUND);
  // A cut instruction ends the excerpt: lines after the cut would look like lines after the instruction.
  const last = end < lines.endLine ? end : Math.min(all.length, end + AROUND);
  const out: ExcerptLine[] = [];
  for (let n = first; n <= last; n++) {
    out.push({ line: n, text: all[n - 1] ?? "", failing: n >= start && n <= end });
  }
  return out;
}
