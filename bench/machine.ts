import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg, release, totalmem } from "node:os";

/** What the numbers were measured on; printed above every table. */
export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly docker: string;
  readonly buildx: string;
  readonly node: string;
  readonly date: string;
  /** 1-minute load average when the bench started: other work on the machine skews every number. */
  readonly loadAtStart: number;
}

function output(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) => execFile(file, [...args], (err, stdout) => resolve(err ? "unknown" : stdout.trim())));
}

export async function describeMachine(env: NodeJS.ProcessEnv): Promise<Machine> {
  const cpuinfo = await readFile("/proc/cpuinfo", "utf8").catch(() => "");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
  const dockerEnv = (args: string[]): Promise<string> =>
    new Promise((resolve) =>
      execFile("docker", args, { env }, (err, stdout) => resolve(err ? "unknown" : stdout.trim())),
    );
  return {
    cpus: Number(await output("nproc", [])) || availableParallelism(),
    cpuModel: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    docker: await dockerEnv(["version", "--format", "{{.Server.Version}}"]),
    buildx: (await dockerEnv(["buildx", "version"])).replace(/^github\.com\/docker\/buildx\s+/, ""),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadAtStart: loadavg()[0] ?? 0,
  };
}
