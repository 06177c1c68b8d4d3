import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";

/** Where one process's time went, from a V8 `.cpuprofile` written by `node --cpu-prof`. */
export interface ProfileSummary {
  /** From profiling start (after Node's own bootstrap) to exit. */
  readonly totalMs: number;
  /** Compiling and evaluating the bundle, up to the entry point's first await. */
  readonly loadMs: number;
  /** Waiting for the daemon, the registry, child processes: the event loop had nothing to run. */
  readonly idleMs: number;
  /** JavaScript in the bundle (self time). */
  readonly bundleMs: number;
  /** JavaScript in Node's own modules (node:*), e.g. http2, net, fs (self time). */
  readonly nodeInternalsMs: number;
  /** V8 work not attributed to a function: parsing and compiling, native code. */
  readonly programMs: number;
  readonly gcMs: number;
  /** The functions with the most self time, "name (file:line) 12 ms". */
  readonly topSelf: readonly string[];
  /** Named bundle functions with the most time including callees, "sendFile (index.js:44602) 2000 ms". */
  readonly topInclusive: readonly string[];
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Summarizes the one `.cpuprofile` in `dir`. */
export async function summarizeProfile(dir: string): Promise<ProfileSummary> {
  const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}: did node run with --cpu-prof?`);
  const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous one; the next delta is how long this sample's frame ran.
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  // Time including callees, once per distinct function on a stack (recursion is not counted twice).
  const inclusiveUs = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
      const f = frames.get(node);
      if (!f) break;
      const key = frameKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + us);
    }
  }
  const unique = new Map([...frames.values()].map((f) => [frameKey(f), f]));
  const inclusive = (match: (f: CallFrame) => boolean): number => {
    let total = 0;
    for (const [key, f] of unique) if (match(f)) total += inclusiveUs.get(key) ?? 0;
    return total;
  };
  let idle = 0;
  let program = 0;
  let gc = 0;
  let bundle = 0;
  let internals = 0;
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const f = frames.get(id);
    if (!f) continue;
    if (f.functionName === "(idle)") idle += us;
    else if (f.functionName === "(program)") program += us;
    else if (f.functionName === "(garbage collector)") gc += us;
    else {
      if (f.url.startsWith("node:")) internals += us;
      else bundle += us;
      const key = frameKey(f);
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
  }
  const ms = (us: number): number => Math.round(us / 100) / 10;
  return {
    totalMs: ms(profile.endTime - profile.startTime),
    loadMs: ms(
      inclusive((f) => f.functionName === "compileSourceTextModule") +
        inclusive((f) => f.functionName === "run" && f.url.endsWith("module_job")),
    ),
    idleMs: ms(idle),
    bundleMs: ms(bundle),
    nodeInternalsMs: ms(internals),
    programMs: ms(program),
    gcMs: ms(gc),
    topSelf: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, us]) => `${name} ${ms(us)} ms`),
    topInclusive: [...unique]
      .filter(([, f]) => isNamedBundleFunction(f))
      .map(([key]) => [key, inclusiveUs.get(key) ?? 0] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, us]) => `${name} ${ms(us)} ms`),
  };
}

function frameKey(f: CallFrame): string {
  return `${f.functionName || "(anonymous)"} (${basename(f.url) || "?"}:${f.lineNumber + 1})`;
}

/** A function of Kiln's or a dependency's with a real name: not ncc's module wrappers or the entry point. */
function isNamedBundleFunction(f: CallFrame): boolean {
  return (
    f.url !== "" &&
    !f.url.startsWith("node:") &&
    f.functionName !== "" &&
    !/^\d+$/.test(f.functionName) &&
    !f.functionName.startsWith("__nccwpck_require__") &&
    f.functionName !== "main"
  );
}
