import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectSuccess, timedRun } from "./timed-run.js";

/**
 * A buildkitd of the bench's own: the stack's v0.26.3 binary with the stack daemon's configuration (OCI worker on
 * Debian's runc, containerd worker off, the plain registry over HTTP), on its own socket and state root. The cold
 * scenarios prune everything before each run; on the shared daemon that would wipe other developers' caches
 * mid-test, and their builds would skew these timings.
 */
export interface OwnBuildkitd {
  /** unix:///... */
  readonly address: string;
  /** The socket path, for the first-connect probe. */
  readonly socket: string;
  /** The configuration file, for buildx's docker-container builder (`--buildkitd-config`). */
  readonly config: string;
  readonly stop: () => Promise<void>;
}

export interface OwnBuildkitdOptions {
  readonly buildkitd: string;
  readonly buildctl: string;
  /** host:port of the plain-HTTP registry. */
  readonly registry: string;
}

export async function startOwnBuildkitd(options: OwnBuildkitdOptions): Promise<OwnBuildkitd> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-bench-buildkitd-"));
  const socket = join(dir, "buildkitd.sock");
  const address = `unix://${socket}`;
  const config = join(dir, "buildkitd.toml");
  await writeFile(
    config,
    [
      `root = "${join(dir, "root")}"`,
      "[grpc]",
      `  address = ["${address}"]`,
      "[worker.oci]",
      "  enabled = true",
      '  binary = "/usr/sbin/runc"',
      "  gc = true",
      "[worker.containerd]",
      "  enabled = false",
      `[registry."${options.registry}"]`,
      "  http = true",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(options.buildkitd, ["--config", config], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the bench's buildkitd exited during start-up:\n${log}`);
    }
    const probe = await timedRun(options.buildctl, ["--addr", address, "debug", "workers"], { timeoutMs: 10_000 });
    if (probe.code === 0) return { address, socket, config, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the bench's buildkitd did not answer on ${address} within 60 s:\n${log}`);
}

/** Removes every build cache record of the bench's daemon and flushes what the deletions left to write back. */
export async function pruneOwn(buildctl: string, address: string): Promise<void> {
  expectSuccess("buildctl prune --all", await timedRun(buildctl, ["--addr", address, "prune", "--all"]));
  expectSuccess("sync", await timedRun("sync", []));
}
