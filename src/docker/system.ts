import type { DockerHost } from "./docker-host.js";
import { engineJson, engineSend, readBody, type EngineCallOptions } from "./engine-api.js";
import { DockerError } from "./docker-error.js";

/** The part of `GET /version` Kiln reads. */
export interface EngineVersion {
  readonly Version: string;
  readonly ApiVersion: string;
  readonly MinAPIVersion?: string;
  readonly Os: string;
  readonly Arch: string;
  readonly KernelVersion?: string;
}

/** The part of `GET /info` Kiln reads. */
export interface EngineInfo {
  readonly ID?: string;
  readonly Name?: string;
  readonly ServerVersion?: string;
  readonly Driver?: string;
  /** Pairs such as ["driver-type", "io.containerd.snapshotter.v1"]. */
  readonly DriverStatus?: readonly (readonly [string, string])[] | null;
  readonly OSType?: string;
  readonly Architecture?: string;
  readonly CgroupDriver?: string;
  readonly SecurityOptions?: readonly string[] | null;
  readonly NCPU?: number;
  readonly MemTotal?: number;
}

/** `GET /_ping`: resolves to the body ("OK") once the daemon answers. */
export async function ping(host: DockerHost, options: EngineCallOptions = {}): Promise<string> {
  const res = await engineSend(host, { method: "GET", path: "/_ping", verb: "ping the Docker daemon", ...options });
  const body = (await readBody(res)).toString("utf8");
  if (res.statusCode !== 200) {
    throw new DockerError(`failed to ping the Docker daemon: HTTP ${res.statusCode}: ${body}`, {
      status: res.statusCode ?? 0,
    });
  }
  return body;
}

export function version(host: DockerHost, options: EngineCallOptions = {}): Promise<EngineVersion> {
  return engineJson<EngineVersion>(host, {
    method: "GET",
    path: "/version",
    verb: "read the Docker daemon's version",
    ...options,
  });
}

export function info(host: DockerHost, options: EngineCallOptions = {}): Promise<EngineInfo> {
  return engineJson<EngineInfo>(host, { method: "GET", path: "/info", verb: "read Docker daemon info", ...options });
}

// moby/moby daemon/containerd: the containerd image store reports this snapshotter driver type in Info.
const containerdSnapshotter = "io.containerd.snapshotter.v1";

/**
 * Whether the daemon keeps images in containerd's store (`features.containerd-snapshotter`), which decides
 * the exporters its BuildKit has: `image`/`oci`/`docker` with it, only `moby` without.
 */
export function usesContainerdStore(engineInfo: EngineInfo): boolean {
  return (engineInfo.DriverStatus ?? []).some(
    ([key, value]) => key === "driver-type" && value === containerdSnapshotter,
  );
}
