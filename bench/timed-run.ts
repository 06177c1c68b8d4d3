import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/** GNU time (Debian package `time`) reports a process's CPU time including its children (docker -> docker-buildx). */
const gnuTime = "/usr/bin/time";
function haveGnuTime(): boolean {
  try {
    accessSync(gnuTime, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface TimedRun {
  /** Wall time from spawn to exit: what a user (or a CI step) waits. */
  readonly ms: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to the first byte on stdout or stderr: process start-up, bundle load, first connection. */
  readonly firstOutputMs: number;
  /** From the last byte written to exit: work done after the last log line, then closing handles. */
  readonly exitLagMs: number;
  /** User + system CPU time of the process and its children; undefined unless asked for and GNU time exists. */
  readonly cpuMs: number | undefined;
  /** Peak resident set size in KiB of the process or its largest child (GNU time's %M); with `cpu` only. */
  readonly maxRssKiB: number | undefined;
}

export interface TimedRunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Kills the process after this long; every bench step is seconds long, 10 minutes means it hung. */
  readonly timeoutMs?: number;
  /** Also measure CPU time, through GNU time (whose own start-up, ~1 ms, then counts in every side's wall time). */
  readonly cpu?: boolean;
}

/** Runs a program without a shell and times it as a whole; never rejects for a non-zero exit (callers judge). */
export async function timedRun(
  file: string,
  args: readonly string[],
  options: TimedRunOptions = {},
): Promise<TimedRun> {
  if (!options.cpu || !haveGnuTime()) {
    return { ...(await spawnTimed(file, args, options)), cpuMs: undefined, maxRssKiB: undefined };
  }
  const dir = await mkdtemp(join(tmpdir(), "kiln-bench-time-"));
  try {
    const report = join(dir, "time");
    const run = await spawnTimed(gnuTime, ["-q", "-f", "%U %S %M", "-o", report, file, ...args], options);
    const [user, system, rss] = (await readFile(report, "utf8")).trim().split(/\s+/).slice(-3).map(Number);
    const cpuMs = user === undefined || system === undefined ? undefined : Math.round((user + system) * 1000);
    return {
      ...run,
      cpuMs: cpuMs === undefined || Number.isNaN(cpuMs) ? undefined : cpuMs,
      maxRssKiB: rss === undefined || Number.isNaN(rss) ? undefined : rss,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnTimed(
  file: string,
  args: readonly string[],
  options: TimedRunOptions,
): Promise<Omit<TimedRun, "cpuMs" | "maxRssKiB">> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    let last = started;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const child = spawn(file, [...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const seen = (sink: Buffer[]) => (chunk: Buffer) => {
      last = performance.now();
      first ??= last;
      sink.push(chunk);
    };
    child.stdout.on("data", seen(out));
    child.stderr.on("data", seen(err));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`failed to start ${file}: ${e.message}`, { cause: e }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ended = performance.now();
      resolve({
        ms: ended - started,
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        firstOutputMs: (first ?? ended) - started,
        exitLagMs: ended - last,
      });
    });
  });
}

/** Throws with the output's tail unless the run succeeded (or `accept` says its failure is the known one). */
export function expectSuccess(what: string, run: TimedRun, accept?: (output: string) => boolean): TimedRun {
  if (run.code === 0 || accept?.(`${run.stdout}${run.stderr}`)) return run;
  const tail = `${run.stdout}${run.stderr}`.split("\n").slice(-30).join("\n");
  throw new Error(`${what} failed with exit code ${run.code}:\n${tail}`);
}
