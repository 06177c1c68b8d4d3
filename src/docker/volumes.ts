import type { DockerHost } from "./docker-host.js";
import { engineJson, type EngineCallOptions } from "./engine-api.js";

/** Creates a named local volume; creating one that exists is a no-op on the daemon's side. */
export async function createVolume(
  host: DockerHost,
  name: string,
  options: EngineCallOptions & { readonly labels?: Readonly<Record<string, string>> } = {},
): Promise<void> {
  const { labels, ...call } = options;
  await engineJson<unknown>(host, {
    method: "POST",
    path: "/volumes/create",
    body: { Name: name, ...(labels ? { Labels: labels } : {}) },
    verb: `create volume ${name}`,
    ...call,
  });
}

/** Removes a volume; one that is already gone is fine. A volume in use fails with status 409. */
export async function removeVolume(
  host: DockerHost,
  name: string,
  options: EngineCallOptions & { readonly force?: boolean } = {},
): Promise<void> {
  const { force, ...call } = options;
  await engineJson<unknown>(host, {
    method: "DELETE",
    path: `/volumes/${encodeURIComponent(name)}`,
    query: { force: force ?? false },
    verb: `remove volume ${name}`,
    nothingToDo: [404],
    ...call,
  });
}
