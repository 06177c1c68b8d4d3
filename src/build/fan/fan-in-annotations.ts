import { parseAnnotations } from "../../plan/outputs/parse-annotations.js";

/** The annotations a fan-in can still apply: the joined index's own, and its descriptor's. */
export interface FanInAnnotations {
  /** On the index itself (`index:` prefix). */
  readonly index: Readonly<Record<string, string>>;
  /** On the index's descriptor, reported in the `metadata` output's `containerimage.descriptor` (`index-descriptor:`). */
  readonly indexDescriptor: Readonly<Record<string, string>>;
}

/**
 * The fan-in's `annotations` (`name` is the input or flag, for the error): only `index:` and `index-descriptor:`
 * ones, since the legs' manifests are already pushed and a manifest annotation added now would change their
 * digests. Throws one line naming `name` for any other level.
 */
export function fanInAnnotations(text: string, name: string): FanInAnnotations {
  const index: Record<string, string> = {};
  const indexDescriptor: Record<string, string> = {};
  for (const a of parseAnnotations(text, name)) {
    if (a.level === "index") index[a.key] = a.value;
    else if (a.level === "index-descriptor") indexDescriptor[a.key] = a.value;
    else {
      throw new Error(
        `${name}: expected only "index:" or "index-descriptor:" annotations at the fan-in, got ${a.level ?? "manifest"}-level "${a.key}": manifest annotations go on the fan-out legs, whose manifests the fan-in joins unchanged`,
      );
    }
  }
  return { index, indexDescriptor };
}
