import { readFile } from "node:fs/promises";

/** How busy the machine was when a run started: other developers' tests share its two cores. */
export interface Pressure {
  /** 1-minute load average (/proc/loadavg). */
  readonly load1: number;
  /** Share of the last 10 s in which some runnable task waited for a CPU (/proc/pressure/cpu "some avg10"), %. */
  readonly cpuSome10: number | undefined;
}

export async function pressure(): Promise<Pressure> {
  const [loadavg, cpu] = await Promise.all([
    readFile("/proc/loadavg", "utf8").catch(() => ""),
    readFile("/proc/pressure/cpu", "utf8").catch(() => ""),
  ]);
  const some = /^some avg10=([\d.]+)/m.exec(cpu)?.[1];
  return { load1: Number(loadavg.split(" ")[0]) || 0, cpuSome10: some === undefined ? undefined : Number(some) };
}
