import { csvFields } from "./parse-list.js";

/**
 * One buildx-style spec, `type=registry,ref=x,"name=a,b"`, as attributes with lowercased keys (docker/buildx
 * util/buildflags: `strings.ToLower(key)`, value as written); a later key wins. `undefined` when it is not a
 * comma-separated list of `key=value` fields with valid CSV quoting.
 */
export function parseSpec(spec: string): Map<string, string> | undefined {
  const fields = csvFields(spec);
  if (fields === undefined) return undefined;
  const attrs = new Map<string, string>();
  for (const field of fields) {
    const eq = field.indexOf("=");
    const key = eq === -1 ? "" : field.slice(0, eq).trim().toLowerCase();
    if (key === "") return undefined;
    attrs.set(key, field.slice(eq + 1));
  }
  return attrs;
}

// Attribute names whose values are credentials (BuildKit's gha, s3 and azblob cache backends).
const SECRET_KEYS = new Set(["token", "ghtoken", "access_key_id", "secret_access_key", "session_token"]);
const SECRET_KEY_RE = /\b(?:token|ghtoken|access_key_id|secret_access_key|session_token)=/i;

/**
 * A spec as it may appear in a message, credentials replaced by `***`: field by field when it parses, else
 * everything from the first credential attribute on, since where a malformed value ends is unknowable.
 */
export function redactSpec(spec: string): string {
  const fields = csvFields(spec);
  if (fields === undefined) {
    const m = SECRET_KEY_RE.exec(spec);
    return m === null ? spec : `${spec.slice(0, m.index + m[0].length)}***`;
  }
  return fields
    .map((field) => {
      const eq = field.indexOf("=");
      const key = field.slice(0, eq).trim().toLowerCase();
      const text = eq !== -1 && SECRET_KEYS.has(key) ? `${field.slice(0, eq)}=***` : field;
      return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
