// A private standalone buildkitd for tests that prune: the stack's binary and the same settings as
// scripts/stack/buildkit.sh (OCI worker with Debian's runc, containerd worker off, the plain registry trusted),
// but its own state directory, unix socket and TCP port, so that `buildctl prune --all` here never empties the
// cache that other test files use on the shared daemon.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildctlGlobalArgs, type BuildkitAddress } from "../helpers/buildctl-build.js";
import { run, type StackEnv } from "../helpers/stack-env.js";

export interface OwnBuildkitd {
  /** unix:///.../buildkitd.sock (no TLS). */
  readonly unix: BuildkitAddress;
  /** tcp://127.0.0.1:<port> with mTLS: the stack's server certificate (SAN 127.0.0.1) and client certificate. */
  readonly tcp: BuildkitAddress;
  /** Empties the build cache (`buildctl prune --all`). */
  prune(): Promise<void>;
  /** The daemon's output so far, for a failure message. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The stack's server certificate lives beside its CA (scripts/stack/buildkit.sh issues it into KILN_TLS_DIR). */
function serverTls(env: StackEnv): { cert: string; key: string } {
  const dir = path.dirname(env.KILN_BUILDKIT_TLS_CA);
  return { cert: path.join(dir, "buildkitd.pem"), key: path.join(dir, "buildkitd-key.pem") };
}

/** Starts buildkitd and waits until `buildctl debug workers` answers on both addresses (at most 60 s). */
export async function startOwnBuildkitd(env: StackEnv): Promise<OwnBuildkitd> {
  const dir = await mkdtemp(path.join(tmpdir(), "kiln-own-buildkitd-"));
  const socket = path.join(dir, "buildkitd.sock");
  const port = await freePort();
  const tls = serverTls(env);
  const config = path.join(dir, "buildkitd.toml");
  await writeFile(
    config,
    [
      `root = "${path.join(dir, "root")}"`,
      `[grpc]`,
      `  address = ["unix://${socket}", "tcp://127.0.0.1:${port}"]`,
      `  [grpc.tls]`,
      `    cert = "${tls.cert}"`,
      `    key = "${tls.key}"`,
      `    ca = "${env.KILN_BUILDKIT_TLS_CA}"`,
      `[worker.oci]`,
      `  enabled = true`,
      `  binary = "/usr/sbin/runc"`,
      `[worker.containerd]`,
      `  enabled = false`,
      `[registry."${env.KILN_REGISTRY}"]`,
      `  http = true`,
      ``,
    ].join("\n"),
  );
  let output = "";
  const child: ChildProcess = spawn(env.KILN_BUILDKITD, ["--config", config], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  child.stderr?.on("data", (b: Buffer) => (output = (output + b.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test process that dies without afterAll must not leave a daemon behind.
  const orphanGuard = (): void => void child.kill("SIGKILL");
  process.once("exit", orphanGuard);

  const unix: BuildkitAddress = { buildctl: env.KILN_BUILDCTL, addr: `unix://${socket}` };
  const tcp: BuildkitAddress = {
    buildctl: env.KILN_BUILDCTL,
    addr: `tcp://127.0.0.1:${port}`,
    tls: { ca: env.KILN_BUILDKIT_TLS_CA, cert: env.KILN_BUILDKIT_TLS_CERT, key: env.KILN_BUILDKIT_TLS_KEY },
  };
  const buildctl = (target: BuildkitAddress, args: string[], timeoutMs = 120_000) =>
    run(env.KILN_BUILDCTL, [...buildctlGlobalArgs(target), ...args], { timeoutMs });

  const stop = async (): Promise<void> => {
    process.off("exit", orphanGuard);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${env.KILN_BUILDKITD} exited with ${child.exitCode} during startup:\n${output}`);
    }
    const ready = await Promise.all([
      buildctl(unix, ["debug", "workers"], 5_000),
      buildctl(tcp, ["debug", "workers"], 5_000),
    ])
      .then(() => true)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`buildkitd on ${unix.addr} / ${tcp.addr} did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    unix,
    tcp,
    prune: async () => void (await buildctl(unix, ["prune", "--all"])),
    log: () => output,
    stop,
  };
}
