/**
 * A challenge from a registry's 401 answer. Distribution with `auth: htpasswd` answers Basic; Docker Hub, GHCR
 * and distribution with `auth: token` answer Bearer with the token server's `realm`.
 */
export type AuthChallenge =
  | { readonly scheme: "basic"; readonly realm?: string }
  | { readonly scheme: "bearer"; readonly realm: string; readonly service?: string; readonly scope?: string }
  | { readonly scheme: "unsupported"; readonly name: string };

/**
 * Parses `WWW-Authenticate` header values (RFC 7235 section 4.1): several challenges may share one value,
 * separated by commas, and parameter values may be quoted strings with `\` escapes. A Bearer challenge without
 * `realm` is unusable and comes back as `unsupported`.
 */
export function parseWwwAuthenticate(values: string | readonly string[]): AuthChallenge[] {
  const list = typeof values === "string" ? [values] : values;
  return list.flatMap((value) => parseRaw(value)).map(toChallenge);
}

interface RawChallenge {
  scheme: string;
  params: Map<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
// Unquoted values are tokens in RFC 7235; registries in the wild also send bare URLs, so take up to ",".
const BARE_VALUE = /[^\s,]*/y;

function parseRaw(input: string): RawChallenge[] {
  const out: RawChallenge[] = [];
  let pos = 0;
  const skip = (chars: RegExp): void => {
    while (pos < input.length && chars.test(input.charAt(pos))) pos++;
  };
  const token = (): string | undefined => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(input);
    if (m === null) return undefined;
    pos = TOKEN.lastIndex;
    return m[0];
  };
  const bare = (): string => {
    BARE_VALUE.lastIndex = pos;
    const m = BARE_VALUE.exec(input);
    pos = BARE_VALUE.lastIndex;
    return m?.[0] ?? "";
  };
  const quoted = (): string => {
    let value = "";
    pos++; // opening quote
    while (pos < input.length) {
      const c = input.charAt(pos++);
      if (c === "\\" && pos < input.length) value += input.charAt(pos++);
      else if (c === '"') return value;
      else value += c;
    }
    return value; // unterminated: take what there is
  };

  while (pos < input.length) {
    skip(/[\s,]/);
    const scheme = token();
    if (scheme === undefined) {
      pos++; // stray character: resynchronise
      continue;
    }
    const challenge: RawChallenge = { scheme: scheme.toLowerCase(), params: new Map() };
    out.push(challenge);
    for (;;) {
      skip(/[\s,]/);
      const start = pos;
      const name = token();
      if (name === undefined) break;
      skip(/[ \t]/);
      if (input.charAt(pos) !== "=") {
        pos = start; // a token not followed by "=" starts the next challenge
        break;
      }
      pos++;
      skip(/[ \t]/);
      const value = input.charAt(pos) === '"' ? quoted() : bare();
      challenge.params.set(name.toLowerCase(), value);
    }
  }
  return out;
}

function toChallenge(raw: RawChallenge): AuthChallenge {
  const realm = raw.params.get("realm");
  if (raw.scheme === "basic") return realm === undefined ? { scheme: "basic" } : { scheme: "basic", realm };
  if (raw.scheme === "bearer" && realm !== undefined && realm !== "") {
    const service = raw.params.get("service");
    const scope = raw.params.get("scope");
    return {
      scheme: "bearer",
      realm,
      ...(service === undefined ? {} : { service }),
      ...(scope === undefined ? {} : { scope }),
    };
  }
  return { scheme: "unsupported", name: raw.scheme };
}
