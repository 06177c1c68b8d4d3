import { InputError } from "../input-error.js";

/**
 * A boolean input: `true` or `false` in any case, empty for `fallback`. Anything else is an error rather than
 * `false`: build-push-action's `/true/i.test()` turned typos such as `ture` into a silent `false`.
 */
export function parseBool(value: string, name: string, fallback = false): boolean {
  const v = value.trim().toLowerCase();
  if (v === "") return fallback;
  if (v === "true") return true;
  if (v === "false") return false;
  throw InputError.expected(name, `true or false`, value.trim());
}

/**
 * A boolean attribute inside a spec (`use_path_style=true`, `disabled=false`): Go's `strconv.ParseBool`
 * spellings, which buildx and BuildKit accept there. `undefined` when the value is not one of them.
 */
export function parseGoBool(value: string): boolean | undefined {
  switch (value.trim()) {
    case "1":
    case "t":
    case "T":
    case "true":
    case "TRUE":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "false":
    case "FALSE":
    case "False":
      return false;
    default:
      return undefined;
  }
}
