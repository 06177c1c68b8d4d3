import { InputError, quote } from "../input-error.js";
import { parseList } from "../values/parse-list.js";
import { normalizePlatform } from "../../shared/platform.js";

/** Where an annotation goes (moby/buildkit exporter/containerimage/exptypes/annotations.go). */
export type AnnotationLevel = "manifest" | "index" | "manifest-descriptor" | "index-descriptor";

/**
 * One OCI annotation for the image exporters. Without `level` BuildKit puts it on the image manifests
 * (`annotation.<key>`); `platform` narrows a manifest-level annotation to one platform.
 */
export type Annotation =
  | { readonly level?: undefined; readonly key: string; readonly value: string }
  | {
      readonly level: "manifest" | "manifest-descriptor";
      readonly platform?: string;
      readonly key: string;
      readonly value: string;
    }
  | { readonly level: "index" | "index-descriptor"; readonly key: string; readonly value: string };

const EXPECTED = 'KEY=VALUE lines, keys optionally prefixed like "index:", "manifest:" or "manifest[linux/amd64]:"';
// docker/buildx util/buildflags/export.go ParseAnnotations: a type, then an optional platform in brackets.
const TYPE_RE = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/;
const LEVELS: readonly string[] = ["manifest", "index", "manifest-descriptor", "index-descriptor"];

/**
 * `annotations`: one `[type[,type...]:]key=value` per line as buildx's `--annotation` takes it, e.g.
 * `index,manifest:org.opencontainers.image.title=app` or `manifest[linux/arm64]:com.example.k=v`.
 */
export function parseAnnotations(input: string, name = "annotations"): Annotation[] {
  const out: Annotation[] = [];
  for (const item of parseList(input, name, { ignoreComma: true })) {
    const eq = item.indexOf("=");
    const fail = (detail?: string): never => {
      throw new InputError(name, `expected ${EXPECTED}, got ${quote(item)}${detail ? ` (${detail})` : ""}`);
    };
    if (eq === -1) fail();
    const left = item.slice(0, eq);
    const value = item.slice(eq + 1);
    const colon = left.indexOf(":");
    const key = (colon === -1 ? left : left.slice(colon + 1)).trim();
    if (key === "" || /\s/.test(key)) fail();
    if (colon === -1) {
      out.push({ key, value });
      continue;
    }
    for (const spec of left.slice(0, colon).split(",")) {
      const groups = TYPE_RE.exec(spec.trim());
      const level = groups?.[1];
      if (groups === null || level === undefined) return fail(`unknown annotation type ${quote(spec.trim())}`);
      if (!LEVELS.includes(level)) fail(`unknown annotation type ${quote(level)}`);
      const rawPlatform = groups[2];
      if (level === "index" || level === "index-descriptor") {
        if (rawPlatform !== undefined) fail("index annotations apply to every platform");
        out.push({ level, key, value });
        continue;
      }
      const lvl = level as "manifest" | "manifest-descriptor";
      if (rawPlatform === undefined) {
        out.push({ level: lvl, key, value });
        continue;
      }
      const platform = normalizePlatform(rawPlatform);
      if (platform === undefined) fail(`unknown platform ${quote(rawPlatform)}`);
      out.push({ level: lvl, platform: platform as string, key, value });
    }
  }
  return out;
}

/** The exporter attribute for an annotation: `annotation.k`, `annotation-index.k`, `annotation-manifest[linux/amd64].k`. */
export function annotationAttr(annotation: Annotation): string {
  if (annotation.level === undefined) return `annotation.${annotation.key}`;
  const platform = "platform" in annotation && annotation.platform !== undefined ? `[${annotation.platform}]` : "";
  return `annotation-${annotation.level}${platform}.${annotation.key}`;
}
