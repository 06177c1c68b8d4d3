import { InputError } from "../input-error.js";
import { parseList } from "../values/parse-list.js";

/** A resource limit for RUN containers; -1 is unlimited. */
export interface Ulimit {
  readonly name: string;
  readonly soft: number;
  readonly hard: number;
}

// docker/go-units ulimit.go ulimitNameMapping.
const NAMES = new Set([
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
]);

const EXPECTED = 'name=soft[:hard] lines like "nofile=1024:2048"';

/** `ulimit`: one `name=soft[:hard]` per line (docker/go-units `ParseUlimit`); a later line for a name wins. */
export function parseUlimits(input: string, name = "ulimit"): Ulimit[] {
  const out = new Map<string, Ulimit>();
  for (const item of parseList(input, name, { ignoreComma: true })) {
    const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(item.replace(/\s+/g, ""));
    const limit = m?.[1];
    if (m === null || limit === undefined || !NAMES.has(limit)) throw InputError.expected(name, EXPECTED, item);
    const soft = Number(m[2]);
    const hard = m[3] === undefined ? soft : Number(m[3]);
    if (hard !== -1 && (soft === -1 || soft > hard)) {
      throw new InputError(name, `expected the soft limit to be at most the hard limit, got ${JSON.stringify(item)}`);
    }
    out.set(limit, { name: limit, soft, hard });
  }
  return [...out.values()];
}

/** docker's string form, which BuildKit's `ulimit` frontend attribute takes: `nofile=1024:2048`. */
export function formatUlimit(u: Ulimit): string {
  return `${u.name}=${u.soft}:${u.hard}`;
}
