import { readFileSync } from "node:fs";
import type { Secret } from "./parse-secrets.js";

/** Lines this short are left out: masking `}` or `ab` would garble every log line that holds them. */
const MIN_LINE = 4;

/**
 * Every string a log must not show for these secrets: each value whole, and each of its lines on its own, because
 * BuildKit prints a multi-line secret (a PEM) line by line and a runner masks only exact matches. Values come
 * from the input, the environment (`secret-envs`) or the file (`secret-files`); a file that cannot be read
 * contributes nothing (the plan reports a missing one).
 */
export function valuesToMask(
  secrets: readonly Secret[],
  extra: readonly string[],
  lookupEnv: (name: string) => string | undefined,
): string[] {
  const values: string[] = [...extra];
  for (const s of secrets) {
    if (s.source.kind === "value") values.push(s.source.value);
    else if (s.source.kind === "env") values.push(lookupEnv(s.source.name) ?? "");
    else {
      try {
        values.push(readFileSync(s.source.path, "utf8"));
      } catch {
        // unreadable: nothing to mask
      }
    }
  }
  const out = new Set<string>();
  for (const v of values) {
    if (v.trim() === "") continue;
    out.add(v);
    for (const line of v.split(/\r?\n/)) if (line.trim().length >= MIN_LINE) out.add(line.trim());
  }
  return [...out];
}
