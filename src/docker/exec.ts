import type { DockerHost } from "./docker-host.js";
import { DockerError } from "./docker-error.js";
import { engineJson, type EngineCallOptions } from "./engine-api.js";
import { ExecStream } from "./exec-stream.js";
import { hijack } from "./hijack.js";

export interface ExecConfig {
  readonly cmd: readonly string[];
  readonly env?: readonly string[];
  readonly user?: string;
  readonly workingDir?: string;
  /** Attach stdin too (stdout and stderr always are). */
  readonly stdin?: boolean;
  readonly privileged?: boolean;
}

/** The part of `GET /exec/{id}/json` Kiln reads. */
export interface ExecInspect {
  readonly ID: string;
  readonly Running: boolean;
  /** null while running. */
  readonly ExitCode: number | null;
  readonly Pid?: number;
}

/** `POST /containers/{id}/exec` without a TTY, so that stdout and stderr arrive stdcopy-framed. */
export async function createExec(
  host: DockerHost,
  container: string,
  config: ExecConfig,
  options: EngineCallOptions = {},
): Promise<string> {
  const created = await engineJson<{ Id?: string }>(host, {
    method: "POST",
    path: `/containers/${encodeURIComponent(container)}/exec`,
    body: {
      Cmd: config.cmd,
      AttachStdin: config.stdin ?? false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      ...(config.env ? { Env: config.env } : {}),
      ...(config.user ? { User: config.user } : {}),
      ...(config.workingDir ? { WorkingDir: config.workingDir } : {}),
      ...(config.privileged ? { Privileged: true } : {}),
    },
    verb: `create exec "${config.cmd.join(" ")}" in container ${container}`,
    ...options,
  });
  if (!created?.Id) throw new DockerError(`failed to create exec in container ${container}: the daemon returned no id`);
  return created.Id;
}

/**
 * Starts an exec attached: `POST /exec/{id}/start` upgraded to a raw stream (`Upgrade: tcp`, as the docker
 * CLI's ContainerExecAttach does). An empty body means `{"Detach": false, "Tty": false}`.
 */
export async function startExec(
  host: DockerHost,
  execId: string,
  options: EngineCallOptions = {},
): Promise<ExecStream> {
  const socket = await hijack(host, `/exec/${encodeURIComponent(execId)}/start`, "tcp", {
    headers: { "Content-Type": "application/json" },
    ...options,
  });
  return new ExecStream(socket, execId);
}

export function inspectExec(host: DockerHost, execId: string, options: EngineCallOptions = {}): Promise<ExecInspect> {
  return engineJson<ExecInspect>(host, {
    method: "GET",
    path: `/exec/${encodeURIComponent(execId)}/json`,
    verb: `inspect exec ${execId}`,
    ...options,
  });
}

/** `docker exec -i <container> <cmd>`: creates and starts an exec with stdin attached. */
export async function execAttach(
  host: DockerHost,
  container: string,
  config: ExecConfig,
  options: EngineCallOptions = {},
): Promise<ExecStream> {
  const id = await createExec(host, container, { stdin: true, ...config }, options);
  return startExec(host, id, options);
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion in a running container (stdin closed at once) and collects its output. */
export async function execRun(
  host: DockerHost,
  container: string,
  config: ExecConfig,
  options: EngineCallOptions = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const stream = await execAttach(host, container, config, { ...options, signal });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      stream.destroy();
      const why = deadline.aborted ? `did not finish within ${timeoutMs} ms` : "canceled";
      reject(new DockerError(`failed to run "${config.cmd.join(" ")}" in container ${container}: ${why}`));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
    stream.on("error", (err) => {
      signal.removeEventListener("abort", onAbort);
      reject(
        new DockerError(`failed to run "${config.cmd.join(" ")}" in container ${container}: ${err.message}`, {
          cause: err,
        }),
      );
    });
    stream.end();
  });
  stream.destroy();
  // The output closes as the process exits; the daemon may record the exit code a moment later.
  let inspected = await inspectExec(host, stream.execId, options);
  for (let i = 0; inspected.Running && i < 20; i++) {
    await new Promise((r) => setTimeout(r, 50));
    inspected = await inspectExec(host, stream.execId, options);
  }
  return { exitCode: inspected.ExitCode ?? -1, stdout: Buffer.concat(chunks).toString("utf8"), stderr: stream.stderr };
}
