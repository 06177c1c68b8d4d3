import { formatReference, parseReference } from "../registry/index.js";

/** One input the build resolved, pinned: what BuildKit's removed `containerimage.buildinfo` used to report. */
export type BuildSource =
  | { readonly type: "docker-image"; readonly ref: string; readonly pin: string }
  | { readonly type: "git"; readonly ref: string; readonly pin: string }
  | { readonly type: "http"; readonly ref: string; readonly pin: string };

export interface BuildInfo {
  readonly sources: readonly BuildSource[];
}

interface Material {
  readonly uri?: string;
  readonly digest?: Readonly<Record<string, string>>;
}

/** "pkg:docker/127.0.0.1%3A5000/kiln/busybox@latest?platform=linux%2Famd64" -> "127.0.0.1:5000/kiln/busybox:latest". */
function dockerRefFromPurl(uri: string): string | undefined {
  const m = /^pkg:docker\/([^?#]+)/.exec(uri);
  if (!m) return undefined;
  const body = decodeURIComponent(m[1]!);
  const at = body.lastIndexOf("@");
  const name = at >= 0 ? body.slice(0, at) : body;
  const version = at >= 0 ? body.slice(at + 1) : "latest";
  const text = version.includes(":") ? `${name}@${version}` : `${name}:${version}`;
  try {
    const ref = parseReference(text);
    return formatReference(ref);
  } catch {
    return text;
  }
}

function pinOf(
  digest: Readonly<Record<string, string>> | undefined,
  algorithms: readonly string[],
): string | undefined {
  for (const a of algorithms) {
    const v = digest?.[a];
    if (v) return a === "sha1" ? v : `${a}:${v}`;
  }
  return undefined;
}

/**
 * Every source a build resolved, from its SLSA provenance (v0.2 `materials`, v1 `resolvedDependencies`): images
 * pinned by manifest digest, git repositories by commit, HTTP downloads by checksum.
 */
export function buildInfoFromProvenance(predicate: unknown): BuildInfo {
  const p = predicate as {
    materials?: Material[];
    buildDefinition?: { resolvedDependencies?: Material[] };
  };
  const materials = p.materials ?? p.buildDefinition?.resolvedDependencies ?? [];
  const sources: BuildSource[] = [];
  for (const m of materials) {
    const uri = m.uri ?? "";
    if (uri.startsWith("pkg:docker/")) {
      const ref = dockerRefFromPurl(uri);
      const pin = pinOf(m.digest, ["sha256"]);
      if (ref && pin) sources.push({ type: "docker-image", ref, pin });
    } else if (/^(git|ssh):|\.git(#|$)|^https:\/\/[^#]+#/.test(uri) && m.digest?.["sha1"]) {
      sources.push({ type: "git", ref: uri, pin: m.digest["sha1"] });
    } else if (/^https?:\/\//.test(uri)) {
      const pin = pinOf(m.digest, ["sha256", "sha512"]);
      if (pin) sources.push({ type: "http", ref: uri, pin });
    }
  }
  return { sources };
}
