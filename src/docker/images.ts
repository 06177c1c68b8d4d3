import { createHash } from "node:crypto";
import type { DockerHost } from "./docker-host.js";
import { DockerError } from "./docker-error.js";
import { engineJson, engineStream, type EngineCallOptions } from "./engine-api.js";

/** The part of `GET /images/{name}/json` Kiln reads. */
export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags?: readonly string[] | null;
  readonly RepoDigests?: readonly string[] | null;
  readonly Architecture?: string;
  readonly Os?: string;
}

/** One line of the pull progress stream (moby pkg/jsonmessage). */
export interface PullProgress {
  readonly status?: string;
  readonly id?: string;
  readonly progress?: string;
}

export interface PullOptions extends EngineCallOptions {
  /** "os/arch[/variant]"; the daemon's own platform when absent. */
  readonly platform?: string;
  /** The X-Registry-Auth header value (base64url JSON), when the registry needs credentials. */
  readonly registryAuth?: string;
  readonly onProgress?: (p: PullProgress) => void;
}

export const pullDefaults = Object.freeze({
  /** A BuildKit image is ~100 MB; ten minutes covers a slow runner without hanging a job forever. */
  timeoutMs: 600_000,
});

/** Resolves to the image, or undefined when the daemon has no image by that name. */
export async function inspectImage(
  host: DockerHost,
  ref: string,
  options: EngineCallOptions = {},
): Promise<ImageInspect | undefined> {
  return engineJson<ImageInspect | undefined>(host, {
    method: "GET",
    path: `/images/${encodeURIComponent(ref)}/json`,
    verb: `inspect image ${ref}`,
    nothingToDo: [404],
    ...options,
  });
}

/**
 * Splits "name[:tag][@digest]" into what `POST /images/create` takes: `fromImage` and `tag`, where a digest
 * wins over a tag (as the docker CLI does: cli/command/image/pull.go getAPITagFromNamedRef).
 */
export function pullParams(ref: string): { fromImage: string; tag: string } {
  const at = ref.indexOf("@");
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const hasTag = colon > slash;
  const name = hasTag ? named.slice(0, colon) : named;
  if (at >= 0) return { fromImage: name, tag: ref.slice(at + 1) };
  return { fromImage: name, tag: hasTag ? named.slice(colon + 1) : "latest" };
}

/**
 * Pulls an image (`POST /images/create`). The daemon reports some failures as an HTTP error and others inside
 * the progress stream (`{"error": ...}`); both reject with "failed to pull <ref>: <daemon's message>".
 */
export async function pullImage(host: DockerHost, ref: string, options: PullOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? pullDefaults.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const verb = `pull ${ref}`;
  const res = await engineStream(host, {
    method: "POST",
    path: "/images/create",
    query: { ...pullParams(ref), platform: options.platform },
    ...(options.registryAuth ? { headers: { "X-Registry-Auth": options.registryAuth } } : {}),
    verb,
    signal,
    timeoutMs,
  });
  await new Promise<void>((resolve, reject) => {
    let pending = "";
    let failed: DockerError | undefined;
    const onAbort = (): void => {
      res.destroy();
      const why = deadline.aborted ? `no result within ${timeoutMs} ms` : "canceled";
      reject(new DockerError(`failed to ${verb}: ${why}`, { cause: signal.reason }));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    const handle = (line: string): void => {
      if (!line.trim() || failed) return;
      let msg: { error?: string; errorDetail?: { message?: string }; status?: string; id?: string; progress?: string };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      const error = msg.errorDetail?.message || msg.error;
      if (error) {
        failed = new DockerError(`failed to ${verb}: ${error}`);
        return;
      }
      options.onProgress?.({
        ...(msg.status !== undefined ? { status: msg.status } : {}),
        ...(msg.id !== undefined ? { id: msg.id } : {}),
        ...(msg.progress !== undefined ? { progress: msg.progress } : {}),
      });
    };
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(handle);
    });
    res.on("end", () => {
      signal.removeEventListener("abort", onAbort);
      handle(pending);
      if (failed) reject(failed);
      else resolve();
    });
    res.on("error", (cause) => {
      signal.removeEventListener("abort", onAbort);
      reject(new DockerError(`failed to ${verb}: ${cause.message}`, { cause }));
    });
  });
}

/**
 * Tags an image (`POST /images/{source}/tag`): `target` is "name:tag". Engines refuse a digest as the target
 * ("refusing to create a tag with a digest reference"), on either image store.
 */
export async function tagImage(
  host: DockerHost,
  source: string,
  target: string,
  options: EngineCallOptions = {},
): Promise<void> {
  const slash = target.lastIndexOf("/");
  const colon = target.lastIndexOf(":");
  if (colon <= slash) throw new DockerError(`failed to tag ${source} as ${target}: expected "name:tag"`);
  await engineJson<undefined>(host, {
    method: "POST",
    path: `/images/${encodeURIComponent(source)}/tag`,
    query: { repo: target.slice(0, colon), tag: target.slice(colon + 1) },
    verb: `tag ${source} as ${target}`,
    ...options,
  });
}

/**
 * The local tag an image pinned by digest is also known by once it came out of an archive:
 * `kiln.local/pinned/<first 16 hex of the sha256 of the ref>:sha256-<digest hex>`, or undefined for a ref not
 * pinned by digest. Docker's classic image store (GitHub's runners) cannot keep a digest reference through
 * `docker save`/`docker load` (save writes only RepoTags, load reads only RepoTags, and a tag cannot name a
 * digest), so an archive loaded there is found by this tag instead. Deterministic from the ref alone, so the
 * runner cache that loads the archive and the builder that looks for the image agree without passing state.
 * The `kiln.local` domain keeps it from ever naming a Docker Hub repository.
 */
export function pinnedImageAlias(ref: string): string | undefined {
  const match = /@(sha256):([0-9a-f]{64})$/.exec(ref);
  if (!match) return undefined;
  const hash = createHash("sha256").update(ref).digest("hex").slice(0, 16);
  return `kiln.local/pinned/${hash}:${match[1]}-${match[2]}`;
}

/**
 * Finds an image pinned by digest by its ref, else by its `pinnedImageAlias` (an archive loaded into the classic
 * image store). Resolves to the ref to create containers from, with the image's ID, or undefined when neither is
 * there.
 */
export async function findPinnedImage(
  host: DockerHost,
  ref: string,
  options: EngineCallOptions = {},
): Promise<{ readonly ref: string; readonly id: string } | undefined> {
  const direct = await inspectImage(host, ref, options);
  if (direct) return { ref, id: direct.Id };
  const alias = pinnedImageAlias(ref);
  const aliased = alias === undefined ? undefined : await inspectImage(host, alias, options);
  return aliased && alias !== undefined ? { ref: alias, id: aliased.Id } : undefined;
}
