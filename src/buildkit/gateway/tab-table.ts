/**
 * Lays out rows as Go's `text/tabwriter` does with minwidth 0, tabwidth 0, padchar ' ' and no flags, which is how
 * BuildKit's subrequest printers (frontend/subrequests/outline, targets) and so buildx format their tables: every
 * cell but a row's last is padded to the widest cell of its column plus `padding`, trailing spaces included; the last
 * cell is written as it is. Widths count code points, as tabwriter counts UTF-8 runes. Every row must have the same
 * number of cells (one column block), which is all those printers write.
 */
export function tabTable(rows: readonly (readonly string[])[], padding: number): string {
  const width = (cell: string): number => [...cell].length;
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell) + padding);
    });
  }
  return rows
    .map((row) => {
      const last = row.length - 1;
      return row.map((cell, i) => (i < last ? cell + " ".repeat((widths[i] ?? 0) - width(cell)) : cell)).join("");
    })
    .map((line) => `${line}\n`)
    .join("");
}
