// A buildkitd of the caller's own, from the stack's standalone release (KILN_BUILDKITD), for tests and benchmarks
// that prune, freeze or kill a daemon, or need a setting the shared one lacks. It runs with the settings of
// scripts/stack/buildkit.sh (OCI worker on Debian's runc with GC, containerd worker off) but from a fresh temp dir
// of its own (state root, unix socket, optionally an mTLS TCP port), so nothing done to it reaches the shared
// daemon that other developers' tests and the timing runs use.
//
// bench/ imports this file as well as itg/: no lint layer covers either folder (eslint.config.js restricts only
// src/), and this module loads nothing but node:* and the itg helpers below, which load only node:* in turn, so
// the bench's tsx loader pulls in no test framework.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { messageOf } from "../../src/shared/message-of.js";
import { buildctlGlobalArgs, type BuildkitAddress } from "./buildctl-build.js";
import { run, type StackEnv } from "./stack-env.js";

/** The mTLS material of the TCP address: the daemon's side and the client's side, from one CA. */
export interface OwnBuildkitdTls {
  /** The CA the daemon checks client certificates against, and clients check the daemon's against. */
  readonly ca: string;
  /** The daemon's certificate (SAN 127.0.0.1) and key. */
  readonly serverCert: string;
  readonly serverKey: string;
  /** The client certificate and key buildctl presents (and that `tcp.tls` hands to callers). */
  readonly clientCert: string;
  readonly clientKey: string;
}

export interface OwnBuildkitdOptions {
  /** Absolute path of buildkitd. */
  readonly buildkitd: string;
  /** Absolute path of buildctl of the same release: the readiness probe and `prune()` use it. */
  readonly buildctl: string;
  /** host:port of each registry the daemon must reach over plain HTTP (`[registry."<host:port>"] http = true`). */
  readonly plainHttpRegistries: readonly string[];
  /** Also serve tcp://127.0.0.1:<a free port> with mTLS. Without it the daemon listens on its unix socket only. */
  readonly tcp?: OwnBuildkitdTls;
  /**
   * SIGKILL the daemon when this process exits without having called `stop()` (a test file that dies before its
   * afterAll), so no daemon outlives its user. Default false.
   */
  readonly killOnExit?: boolean;
  /** How long the daemon may take to answer `buildctl debug workers`; 60 s, as a cold start on a busy 2-CPU CI machine takes up to ~20 s. */
  readonly startTimeoutMs?: number;
}

export interface OwnBuildkitd {
  /** unix:///.../buildkitd.sock, served without TLS. */
  readonly address: string;
  /** The socket's path, for probes that connect to it directly. */
  readonly socket: string;
  /** tcp://127.0.0.1:<port> with the client's TLS files, when `tcp` was asked for. */
  readonly tcp?: BuildkitAddress;
  /** The daemon's process id (tests freeze it with SIGSTOP). */
  readonly pid: number;
  /** Empties its build cache: `buildctl prune --all`. */
  prune(): Promise<void>;
  /** SIGCONT (it may be frozen), SIGTERM, SIGKILL after 15 s; then removes its temp dir (state root included). */
  stop(): Promise<void>;
}

export type OwnBuildkitdWithTcp = OwnBuildkitd & { readonly tcp: BuildkitAddress };

const DEFAULT_START_TIMEOUT_MS = 60_000;
/** buildkitd finishes running solves on SIGTERM; a test's are done by then, so 15 s means it hangs. */
const STOP_GRACE_MS = 15_000;
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_INTERVAL_MS = 250;
/** Lines of the daemon's output a start-up failure quotes. */
const LOG_TAIL_LINES = 40;

/** The stack's buildkitd and buildctl, trusting the stack's plain-HTTP registry as scripts/stack/buildkit.sh does. */
export function stackOwnBuildkitd(env: StackEnv): OwnBuildkitdOptions {
  return { buildkitd: env.KILN_BUILDKITD, buildctl: env.KILN_BUILDCTL, plainHttpRegistries: [env.KILN_REGISTRY] };
}

/** The stack's mTLS files; the server certificate lies beside the CA (scripts/stack/buildkit.sh issues it there). */
export function stackMtls(env: StackEnv): OwnBuildkitdTls {
  const dir = path.dirname(env.KILN_BUILDKIT_TLS_CA);
  return {
    ca: env.KILN_BUILDKIT_TLS_CA,
    serverCert: path.join(dir, "buildkitd.pem"),
    serverKey: path.join(dir, "buildkitd-key.pem"),
    clientCert: env.KILN_BUILDKIT_TLS_CERT,
    clientKey: env.KILN_BUILDKIT_TLS_KEY,
  };
}

/**
 * Starts buildkitd in a new temp dir and resolves once `buildctl debug workers` answers on each of its addresses.
 * If it exits or stays silent, it is stopped, its dir removed, and the error quotes the tail of its log.
 */
export function startOwnBuildkitd(
  options: OwnBuildkitdOptions & { readonly tcp: OwnBuildkitdTls },
): Promise<OwnBuildkitdWithTcp>;
export function startOwnBuildkitd(options: OwnBuildkitdOptions): Promise<OwnBuildkitd>;
export async function startOwnBuildkitd(options: OwnBuildkitdOptions): Promise<OwnBuildkitd> {
  const dir = await mkdtemp(path.join(tmpdir(), "kiln-own-buildkitd-"));
  const socket = path.join(dir, "buildkitd.sock");
  const address = `unix://${socket}`;
  const tcp: BuildkitAddress | undefined = options.tcp && {
    buildctl: options.buildctl,
    addr: `tcp://127.0.0.1:${await freePort()}`,
    tls: { ca: options.tcp.ca, cert: options.tcp.clientCert, key: options.tcp.clientKey },
  };
  const config = path.join(dir, "buildkitd.toml");
  // --config also keeps the machine's /etc/buildkit/buildkitd.toml, if any, away from this daemon.
  await writeFile(config, buildkitdToml(path.join(dir, "root"), address, tcp?.addr, options));

  let output = "";
  const keep = (b: Buffer): void => void (output = (output + b.toString("utf8")).slice(-20_000));
  const child: ChildProcess = spawn(options.buildkitd, ["--config", config], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (err) => {
      spawnError = err;
      resolve();
    });
  });
  const orphanGuard = (): void => void child.kill("SIGKILL");
  if (options.killOnExit) process.once("exit", orphanGuard);

  const stop = async (): Promise<void> => {
    process.off("exit", orphanGuard);
    if (spawnError === undefined && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (err) {
      throw new Error(`failed to remove the state of buildkitd ${address} (${dir}): ${messageOf(err)}`, { cause: err });
    }
  };
  const fail = async (what: string): Promise<never> => {
    // The start-up failure is the news; a failed clean-up is only appended to it.
    const cleanup = await stop().then(
      () => "",
      (err: unknown) => ` (and ${messageOf(err)})`,
    );
    const tail = output.trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n");
    throw new Error(
      `${options.buildkitd} (own daemon on ${address}) ${what}${cleanup}; its log ends:\n${tail || "(empty)"}`,
    );
  };

  const targets: BuildkitAddress[] = [{ buildctl: options.buildctl, addr: address }, ...(tcp ? [tcp] : [])];
  const buildctl = (target: BuildkitAddress, args: readonly string[], timeoutMs: number) =>
    run(options.buildctl, [...buildctlGlobalArgs(target), ...args], { timeoutMs });
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (spawnError) return fail(`could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`exited during start-up (${child.exitCode ?? child.signalCode})`);
    }
    const probe = await Promise.all(targets.map((t) => buildctl(t, ["debug", "workers"], PROBE_TIMEOUT_MS))).then(
      () => undefined,
      (err: unknown) => err,
    );
    if (probe === undefined) break;
    if (Date.now() > deadline) {
      const on = targets.map((t) => t.addr).join(" and ");
      const last = messageOf(probe).split("\n")[0];
      return fail(
        `did not answer \`buildctl debug workers\` on ${on} within ${startTimeoutMs / 1000} s (last: ${last})`,
      );
    }
    await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
  }
  const pid = child.pid;
  if (pid === undefined) return fail("has no process id");
  return {
    address,
    socket,
    ...(tcp ? { tcp } : {}),
    pid,
    prune: async () => void (await buildctl(targets[0]!, ["prune", "--all"], 120_000)),
    stop,
  };
}

/** The daemon's configuration: scripts/stack/buildkit.sh's worker settings, this instance's paths. */
function buildkitdToml(root: string, unix: string, tcp: string | undefined, options: OwnBuildkitdOptions): string {
  const lines = [
    `root = "${root}"`,
    "[grpc]",
    `  address = [${[unix, tcp]
      .filter(Boolean)
      .map((a) => `"${a}"`)
      .join(", ")}]`,
  ];
  // [grpc.tls] applies to tcp addresses only; the unix socket stays plain, as on the stack's daemon.
  if (options.tcp) {
    lines.push("  [grpc.tls]", `    cert = "${options.tcp.serverCert}"`, `    key = "${options.tcp.serverKey}"`);
    lines.push(`    ca = "${options.tcp.ca}"`);
  }
  lines.push("[worker.oci]", "  enabled = true", '  binary = "/usr/sbin/runc"', "  gc = true");
  lines.push("[worker.containerd]", "  enabled = false");
  for (const registry of options.plainHttpRegistries) lines.push(`[registry."${registry}"]`, "  http = true");
  return `${lines.join("\n")}\n`;
}

/** A TCP port free on 127.0.0.1 just now (the OS picks it; buildkitd binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const bound = server.address();
      server.close(() =>
        typeof bound === "object" && bound ? resolve(bound.port) : reject(new Error("127.0.0.1 gave no free port")),
      );
    });
  });
}
