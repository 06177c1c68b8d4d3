import { InputError, quote } from "../input-error.js";
import { parseList, splitPair } from "./parse-list.js";

/**
 * `build-args` and `labels`: one `KEY=VALUE` per line (commas belong to the value); a later line wins over an
 * earlier one with the same key. A bare `KEY` is an error: buildx would take it from the environment or make it
 * empty, which hides typos.
 */
export function parseKeyValues(input: string, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of parseList(input, name, { ignoreComma: true })) {
    const pair = splitPair(item);
    if (pair === undefined || /\s/.test(pair.key)) {
      throw InputError.expected(name, "KEY=VALUE lines", item);
    }
    out[pair.key] = pair.value;
  }
  return out;
}

/** `no-cache-filters`, `allow` and similar lists of plain names: no spaces, no `=`. */
export function parseNames(input: string, name: string, expectation: string): string[] {
  const out: string[] = [];
  for (const item of parseList(input, name)) {
    if (/[\s=]/.test(item)) throw new InputError(name, `expected ${expectation}, got ${quote(item)}`);
    if (!out.includes(item)) out.push(item);
  }
  return out;
}
