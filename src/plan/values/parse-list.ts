import { parse } from "csv-parse/sync";
import { InputError } from "../input-error.js";

export interface ListOptions {
  /**
   * Keep each line whole: `a,b` stays one item. build-push-action reads build-args, labels, annotations, secrets,
   * outputs, cache specs this way (`Util.getInputList(name, { ignoreComma: true })`); other lists split on commas.
   */
  readonly ignoreComma?: boolean;
  /** Treat `"` as a CSV quote (default). `outputs` turns it off: each of its lines is a spec with its own CSV. */
  readonly quote?: boolean;
  /** Trim each item (default). `secrets` keeps surrounding whitespace, which may be part of a value. */
  readonly trim?: boolean;
}

/**
 * Splits a list input the way docker/actions-toolkit's `Util.getList` does, with the same library and options
 * (csv-parse: `relaxQuotes`, `relaxColumnCount`, `skipEmptyLines`, no comment character): every line is a CSV
 * record, a field that starts with `"` is quoted (`""` is a literal quote, newlines may be quoted), a quote inside
 * an unquoted field is kept.
 * Without `ignoreComma` every field is an item, and a single-field line is split on commas even if it was quoted.
 * With `ignoreComma` a line's fields are joined again with `,`. Empty items are dropped.
 */
export function parseList(input: string, name: string, options: ListOptions = {}): string[] {
  // Most inputs are unset: no records, and no CSV parser to run (its first call is the costly one).
  if (input.trim() === "") return [];
  const records = csvRecords(input, name, options.quote ?? true);
  const items: string[] = [];
  for (const record of records) {
    if (options.ignoreComma) items.push(record.join(","));
    else if (record.length === 1) items.push(...(record[0] ?? "").split(","));
    else items.push(...record);
  }
  const trim = options.trim ?? true;
  return items.map((item) => (trim ? item.trim() : item)).filter((item) => item.trim() !== "");
}

function csvRecords(input: string, name: string, quoting: boolean): string[][] {
  // Line on which the last complete record ended: an unclosed quote opens on the next line that has text.
  let lastLine = 0;
  try {
    return parse(input, {
      relaxQuotes: true,
      relaxColumnCount: true,
      skipEmptyLines: true,
      quote: quoting ? '"' : false,
      onRecord: (record: string[], context: { lines: number }) => {
        lastLine = context.lines;
        return record;
      },
    }) as string[][];
  } catch (err) {
    if ((err as { code?: string }).code !== "CSV_QUOTE_NOT_CLOSED") throw err;
    const lines = input.split(/\r\n|\r|\n/);
    let start = lastLine;
    while (start < lines.length && (lines[start] ?? "").trim() === "") start++;
    throw new InputError(name, `expected a closing " for the quoted value that starts on line ${start + 1}`);
  }
}

/**
 * Splits one spec such as `type=registry,ref=a,"name=x,y"` into fields like Go's `csvvalue.Fields`, which buildx
 * uses for `--output`, `--cache-to`, `--attest`: a field starting with `"` is quoted and may hold commas, `""` is a
 * quote; a bare quote elsewhere or text after a closing quote is an error, reported as `undefined`.
 */
export function csvFields(spec: string): string[] | undefined {
  if (spec === "") return [""];
  try {
    const records = parse(spec, { relaxColumnCount: true }) as string[][];
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits `key=value` at the first `=`; `undefined` when there is none or the key is empty. Keys are trimmed,
 * values kept as written (a value may start or end with spaces on purpose).
 */
export function splitPair(item: string): { key: string; value: string } | undefined {
  const eq = item.indexOf("=");
  if (eq <= 0) return undefined;
  const key = item.slice(0, eq).trim();
  return key === "" ? undefined : { key, value: item.slice(eq + 1) };
}
