// A buildkitd of the test's own (KILN_BUILDKITD binary), for tests that freeze or kill a daemon: its own root in
// a temp dir, its own unix socket, OCI worker with Debian's runc, containerd worker off. The shared stack daemon is
// never touched.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BuildkitClient, parseAddress } from "../../src/buildkit/index.js";

export interface PrivateBuildkitd {
  readonly address: string;
  readonly pid: number;
  /** SIGCONT (in case it is stopped), then SIGTERM, then SIGKILL; removes its root. */
  stop(): Promise<void>;
}

export async function startPrivateBuildkitd(binary: string): Promise<PrivateBuildkitd> {
  const dir = await mkdtemp(join(tmpdir(), "kiln-bkd-"));
  const address = `unix://${join(dir, "buildkitd.sock")}`;
  // An empty config: the machine's /etc/buildkit/buildkitd.toml (if any) is not this daemon's.
  await writeFile(join(dir, "buildkitd.toml"), "");
  const stderr: string[] = [];
  const child: ChildProcess = spawn(
    binary,
    [
      "--config",
      join(dir, "buildkitd.toml"),
      "--root",
      join(dir, "root"),
      "--addr",
      address,
      "--oci-worker=true",
      "--oci-worker-binary=/usr/sbin/runc",
      "--containerd-worker=false",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      const exited = new Promise((r) => child.once("exit", r));
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`buildkitd exited: ${stderr.join("").slice(-2000)}`);
    const client = await BuildkitClient.connect(parseAddress(address)!);
    try {
      await client.info({ timeoutMs: 2_000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`buildkitd did not answer within 30 s: ${String(err)}\n${stderr.join("").slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await client.close();
    }
  }
  return { address, pid: child.pid!, stop };
}
