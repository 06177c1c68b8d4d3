import { parseReference, RegistryError } from "../../registry/index.js";
import { InputError, quote } from "../input-error.js";
import { parseList } from "../values/parse-list.js";

/**
 * Checks one image reference with the registry client's docker grammar (distribution/reference): lowercase
 * repository, tag `[\w][\w.-]{0,127}`, optional digest. Returns why it is not one, or `undefined` when it is.
 */
export function referenceProblem(ref: string): string | undefined {
  try {
    parseReference(ref);
    return undefined;
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const prefix = `failed to parse reference ${quote(ref.trim())}: `;
    return err.message.startsWith(prefix) ? err.message.slice(prefix.length) : "not a valid reference";
  }
}

/**
 * `tags`: image references, comma or newline separated, kept as written (BuildKit normalises them when it
 * names and pushes the image, as with buildx). Duplicates are dropped.
 */
export function parseTags(input: string, name = "tags"): string[] {
  const out: string[] = [];
  for (const tag of parseList(input, name)) {
    const problem = referenceProblem(tag);
    if (problem !== undefined) {
      throw new InputError(
        name,
        `expected image references like "ghcr.io/owner/app:1.0", got ${quote(tag)} (${problem})`,
      );
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}
