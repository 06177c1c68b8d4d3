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
 * Splits a list input the way docker/actions-toolkit's `Util.getList` does with csv-parse (`relaxQuotes`,
 * `relaxColumnCount`, `skipEmptyLines`, no comment character): every line is a CSV record, a field that starts
 * with `"` is quoted (`""` is a literal quote, newlines may be quoted), a quote inside an unquoted field is kept.
 * Without `ignoreComma` every field is an item, and a single-field line is split on commas even if it was quoted.
 * With `ignoreComma` a line's fields are joined again with `,`. Empty items are dropped.
 */
export function parseList(input: string, name: string, options: ListOptions = {}): string[] {
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
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  // A quoted field was read: `""` alone on a line is a record with one empty field, not an empty line.
  let quoted = false;
  let line = 1;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = "";
    quoted = false;
  };
  const endRecord = (): void => {
    const empty = record.length === 0 && field === "" && !quoted;
    endField();
    // skipEmptyLines: a line with nothing on it is no record.
    if (!empty) records.push(record);
    record = [];
  };
  while (i < input.length) {
    const c = input[i] as string;
    if (quoting && c === '"' && field === "" && !quoted) {
      const start = line;
      let value = "";
      i++;
      for (;;) {
        const q = input[i];
        if (q === undefined) {
          throw new InputError(name, `expected a closing " for the quoted value that starts on line ${start}`);
        }
        i++;
        if (q !== '"') {
          if (q === "\n") line++;
          value += q;
          continue;
        }
        if (input[i] === '"') {
          value += '"';
          i++;
          continue;
        }
        const next = input[i];
        // relaxQuotes: text right after a closing quote makes the whole thing literal text.
        field = next === undefined || next === "," || next === "\n" || next === "\r" ? value : `"${value}"`;
        quoted = true;
        break;
      }
    } else if (c === ",") {
      endField();
      i++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i += c === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || quoted || record.length > 0) endRecord();
  return records;
}

/**
 * Splits one spec such as `type=registry,ref=a,"name=x,y"` into fields like Go's `csvvalue.Fields`, which buildx
 * uses for `--output`, `--cache-to`, `--attest`: a field starting with `"` is quoted and may hold commas, `""` is a
 * quote; a bare quote elsewhere or text after a closing quote is an error, reported as `undefined`.
 */
export function csvFields(spec: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (spec[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const j = spec.indexOf('"', i);
        if (j === -1) return undefined;
        value += spec.slice(i, j);
        i = j + 1;
        if (spec[i] === '"') {
          value += '"';
          i++;
          continue;
        }
        break;
      }
      fields.push(value);
      if (i === spec.length) return fields;
      if (spec[i] !== ",") return undefined;
      i++;
      continue;
    }
    const j = spec.indexOf(",", i);
    const value = j === -1 ? spec.slice(i) : spec.slice(i, j);
    if (value.includes('"')) return undefined;
    fields.push(value);
    if (j === -1) return fields;
    i = j + 1;
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
