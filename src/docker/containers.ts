import type { DockerHost } from "./docker-host.js";
import { DockerError } from "./docker-error.js";
import { engineJson, engineStream, readBody, type EngineCallOptions } from "./engine-api.js";
import { StdcopyDemuxer } from "./stdcopy.js";

/** A mount in HostConfig.Mounts. */
export interface MountSpec {
  readonly Type: "volume" | "bind" | "tmpfs";
  readonly Source?: string;
  readonly Target: string;
  readonly ReadOnly?: boolean;
}

/** The body of `POST /containers/create` (Config with HostConfig), with the fields Kiln sets. */
export interface ContainerCreateBody {
  readonly Image: string;
  readonly Cmd?: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Env?: readonly string[];
  readonly Labels?: Readonly<Record<string, string>>;
  readonly HostConfig?: {
    readonly Privileged?: boolean;
    readonly Init?: boolean;
    readonly NetworkMode?: string;
    readonly Mounts?: readonly MountSpec[];
    readonly RestartPolicy?: { readonly Name: string; readonly MaximumRetryCount?: number };
    readonly CgroupParent?: string;
    readonly UsernsMode?: string;
    readonly AutoRemove?: boolean;
    readonly Memory?: number;
    readonly MemorySwap?: number;
    readonly CpuQuota?: number;
    readonly CpuPeriod?: number;
    readonly CpuShares?: number;
    readonly CpusetCpus?: string;
    readonly CpusetMems?: string;
  };
}

/** The part of `GET /containers/{id}/json` Kiln reads. */
export interface ContainerInspect {
  readonly Id: string;
  readonly Name: string;
  readonly Image: string;
  readonly State: {
    readonly Status: string;
    readonly Running: boolean;
    readonly ExitCode?: number;
    readonly Error?: string;
  };
  readonly Config: { readonly Image: string; readonly Labels?: Readonly<Record<string, string>> | null };
  readonly Mounts?: readonly { readonly Type: string; readonly Name?: string; readonly Destination: string }[];
}

const enc = encodeURIComponent;

/** Creates a container; resolves to its id. A name already in use fails with status 409. */
export async function createContainer(
  host: DockerHost,
  body: ContainerCreateBody,
  options: EngineCallOptions & { readonly name?: string } = {},
): Promise<string> {
  const { name, ...call } = options;
  const created = await engineJson<{ Id: string }>(host, {
    method: "POST",
    path: "/containers/create",
    query: { name },
    body,
    verb: `create container ${name ?? `from ${body.Image}`}`,
    ...call,
  });
  return created.Id;
}

/** Starts a container; one already running is fine (the daemon answers 304). */
export async function startContainer(host: DockerHost, id: string, options: EngineCallOptions = {}): Promise<void> {
  await engineJson<unknown>(host, {
    method: "POST",
    path: `/containers/${enc(id)}/start`,
    verb: `start container ${id}`,
    nothingToDo: [304],
    ...options,
  });
}

/** Resolves to the container, or undefined when there is none by that name or id. */
export async function inspectContainer(
  host: DockerHost,
  id: string,
  options: EngineCallOptions = {},
): Promise<ContainerInspect | undefined> {
  return engineJson<ContainerInspect | undefined>(host, {
    method: "GET",
    path: `/containers/${enc(id)}/json`,
    verb: `inspect container ${id}`,
    nothingToDo: [404],
    ...options,
  });
}

/** Removes a container (force: even running). A container that is already gone is fine. */
export async function removeContainer(
  host: DockerHost,
  id: string,
  options: EngineCallOptions & { readonly force?: boolean; readonly removeVolumes?: boolean } = {},
): Promise<void> {
  const { force, removeVolumes, ...call } = options;
  await engineJson<unknown>(host, {
    method: "DELETE",
    path: `/containers/${enc(id)}`,
    query: { force: force ?? false, v: removeVolumes ?? false },
    verb: `remove container ${id}`,
    nothingToDo: [404],
    ...call,
  });
}

/**
 * The last `tail` lines of a container's output, stdout and stderr interleaved as the daemon stored them
 * (containers without a TTY log stdcopy frames).
 */
export async function containerLogs(
  host: DockerHost,
  id: string,
  options: EngineCallOptions & { readonly tail?: number } = {},
): Promise<string> {
  const { tail, ...call } = options;
  const timeoutMs = call.timeoutMs ?? 30_000;
  const res = await engineStream(host, {
    method: "GET",
    path: `/containers/${enc(id)}/logs`,
    query: { stdout: true, stderr: true, tail: tail ?? "all" },
    verb: `read the logs of container ${id}`,
    ...call,
  });
  const body = await readBody(
    res,
    call.signal ? AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
  );
  const chunks: Buffer[] = [];
  const demuxer = new StdcopyDemuxer({ stdout: (p) => chunks.push(p), stderr: (p) => chunks.push(p) });
  try {
    demuxer.push(body);
  } catch {
    return body.toString("utf8"); // a TTY container logs raw text
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Extracts a tar archive into the container's filesystem at `path` (`PUT /containers/{id}/archive`). */
export async function putArchive(
  host: DockerHost,
  id: string,
  path: string,
  tar: Buffer,
  options: EngineCallOptions = {},
): Promise<void> {
  await engineJson<unknown>(host, {
    method: "PUT",
    path: `/containers/${enc(id)}/archive`,
    query: { path },
    body: tar,
    contentType: "application/x-tar",
    verb: `copy files to ${path} in container ${id}`,
    ...options,
  });
}

/**
 * Waits for a container to stop (`POST /containers/{id}/wait`) and resolves to its exit code. The wait is a
 * long request: `timeoutMs` bounds it (default 10 minutes).
 */
export async function waitContainer(host: DockerHost, id: string, options: EngineCallOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const result = await engineJson<{ StatusCode: number; Error?: { Message?: string } | null }>(host, {
    method: "POST",
    path: `/containers/${enc(id)}/wait`,
    verb: `wait for container ${id}`,
    ...options,
    timeoutMs,
  });
  if (result.Error?.Message) {
    throw new DockerError(`failed to wait for container ${id}: ${result.Error.Message}`);
  }
  return result.StatusCode;
}
