import { normalizePlatform } from "../shared/platform.js";
import { InputError } from "./input-error.js";
import { parseList } from "./values/parse-list.js";

/**
 * `platforms`: `os/arch[/variant]` items, comma or newline separated, each normalised (see `normalizePlatform`):
 * the names BuildKit reports back, which key the `digests` output. Duplicates are dropped.
 */
export function parsePlatforms(input: string, name = "platforms"): string[] {
  const out: string[] = [];
  for (const item of parseList(input, name)) {
    const platform = normalizePlatform(item);
    if (platform === undefined) throw InputError.expected(name, 'a list like "linux/amd64,linux/arm64"', item);
    if (!out.includes(platform)) out.push(platform);
  }
  return out;
}
