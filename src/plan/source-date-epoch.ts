import { InputError, quote } from "./input-error.js";

/** Where SOURCE_DATE_EPOCH came from, for the log and the summary. */
export type SourceDateEpoch =
  | { readonly seconds: number; readonly from: "input" | "env" | "commit" }
  | { readonly seconds: undefined; readonly from: "none" | "unknown" };

const EXPECTED = 'whole seconds since 1970 like "1700000000", or "none"';

/**
 * `source-date-epoch`: the input (`none` turns it off), else the environment's SOURCE_DATE_EPOCH (which
 * buildx reads too), else the commit time of the checked-out HEAD. `unknown` when none of them is there.
 */
export function parseSourceDateEpoch(
  input: string,
  envValue: string | undefined,
  headCommitTime: number | undefined,
  name = "source-date-epoch",
): SourceDateEpoch {
  const value = input.trim();
  if (value.toLowerCase() === "none") return { seconds: undefined, from: "none" };
  if (value !== "") return { seconds: seconds(value, () => InputError.expected(name, EXPECTED, value)), from: "input" };
  const env = envValue?.trim() ?? "";
  if (env !== "") {
    const fail = (): InputError =>
      new InputError(
        name,
        `expected the environment's SOURCE_DATE_EPOCH to be whole seconds since 1970, got ${quote(env)}`,
      );
    return { seconds: seconds(env, fail), from: "env" };
  }
  if (headCommitTime !== undefined && Number.isSafeInteger(headCommitTime) && headCommitTime >= 0) {
    return { seconds: headCommitTime, from: "commit" };
  }
  return { seconds: undefined, from: "unknown" };
}

function seconds(value: string, fail: () => InputError): number {
  if (!/^\d{1,12}$/.test(value)) throw fail();
  return Number(value);
}
