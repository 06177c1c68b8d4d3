import { BuildkitClient, type BuildkitInfo, type Endpoint } from "../../buildkit/index.js";
import {
  DockerError,
  containerLogs,
  createContainer,
  createVolume,
  inspectContainer,
  putArchive,
  removeContainer,
  removeVolume,
  startContainer,
  tarArchive,
  type DockerHost,
  type PullProgress,
} from "../../docker/index.js";
import { execEndpoint } from "../exec-endpoint.js";
import { ensureImage } from "../pull-image.js";
import { BuilderError } from "./builder-error.js";
import { buildkitConfigDir } from "./buildkitd-toml.js";
import { BUILDER_LABEL, CONFIG_HASH_LABEL, containerNames, type ContainerPlan } from "./container-plan.js";
import { messageOf } from "../../shared/message-of.js";
import { exitReason } from "./exit-reason.js";

export interface BootstrapOptions {
  readonly signal?: AbortSignal;
  /** How long buildkitd may take to answer Info once the container runs. */
  readonly readyTimeoutMs?: number;
  /** Bound on pulling the BuildKit image. */
  readonly pullTimeoutMs?: number;
  /** X-Registry-Auth for pulling the image, when its registry needs credentials. */
  readonly registryAuth?: string;
  readonly onPullProgress?: (p: PullProgress) => void;
  /** Progress in words: "pulling image ...", "creating container ...", "reusing container ...". */
  readonly onStep?: (step: string) => void;
  /**
   * Called once this run has created the container, before it starts: the action saves the name for its post
   * step there, so a container whose daemon never gets ready is still removed.
   */
  readonly onCreated?: (containerName: string) => void;
  /** The stdio bridge run in the container; `buildctl dial-stdio` unless a test provides a stand-in. */
  readonly dialCmd?: readonly string[];
  /**
   * Hand back the connection that answered Info (as `client`; the caller closes it) instead of closing it: the
   * first build then skips another `docker exec` + dial (~60 ms measured on the stack's second dockerd).
   */
  readonly keepConnection?: boolean;
}

export interface Bootstrapped {
  readonly endpoint: Endpoint;
  readonly containerName: string;
  /** True when a running container with the same configuration was found and used as is. */
  readonly reused: boolean;
  readonly info: BuildkitInfo;
  /** The connection that answered Info, when `keepConnection` asked for it. */
  readonly client?: BuildkitClient;
}

export const bootstrapDefaults = Object.freeze({
  /**
   * buildkitd answers within a second or two of starting; a cold runner with a busy disk can take much longer.
   * buildx retries for ~15 s (driver.go wait); 60 s leaves room without hiding a broken daemon for long.
   */
  readyTimeoutMs: 60_000,
  /** One Info attempt: an answering daemon replies in milliseconds. */
  attemptTimeoutMs: 5_000,
  /** How many log lines to quote when the daemon does not come up. */
  logTailLines: 30,
});

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

async function create(host: DockerHost, plan: ContainerPlan, options: BootstrapOptions): Promise<void> {
  const call = options.signal ? { signal: options.signal } : {};
  const image = await ensureImage(host, plan.image, {
    mirrors: plan.pullMirrors,
    ...call,
    ...(options.pullTimeoutMs !== undefined ? { timeoutMs: options.pullTimeoutMs } : {}),
    ...(options.registryAuth ? { registryAuth: options.registryAuth } : {}),
    ...(options.onPullProgress ? { onProgress: options.onPullProgress } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  });
  options.onStep?.(`creating container ${plan.containerName}`);
  await createVolume(host, plan.volumeName, {
    ...call,
    labels: { [BUILDER_LABEL]: plan.body.Labels?.[BUILDER_LABEL] ?? "" },
  });
  try {
    // Under the mirror's name when pulled from one; the config hash stays the plan's, so reuse still works.
    await createContainer(host, { ...plan.body, Image: image }, { ...call, name: plan.containerName });
    options.onCreated?.(plan.containerName);
  } catch (err) {
    // Another job on this runner created it first: use theirs (same name means the same builder).
    if (err instanceof DockerError && err.status === 409) return;
    throw new BuilderError(`failed to create container ${plan.containerName}: ${(err as Error).message}`, "container", {
      cause: err,
    });
  }
  if (plan.files.length > 0) {
    // Copied in before start, as buildx does (copyToContainer): works for remote daemons, unlike a bind mount.
    const dirs = new Set<string>(["buildkit"]);
    for (const f of plan.files) {
      const parts = `buildkit/${f.path}`.split("/").slice(0, -1);
      parts.forEach((_, i) => dirs.add(parts.slice(0, i + 1).join("/")));
    }
    const tar = tarArchive([
      ...[...dirs].sort().map((path) => ({ path })),
      ...plan.files.map((f) => ({ path: `buildkit/${f.path}`, content: f.content, mode: f.mode })),
    ]);
    await putArchive(host, plan.containerName, buildkitConfigDir.replace(/\/buildkit$/, "") || "/", tar, call);
  }
}

/**
 * Waits until buildkitd answers Info through `docker exec buildctl dial-stdio`. Fails early when the container
 * stops, and quotes the container's last log lines either way.
 */
async function waitReady(
  host: DockerHost,
  containerName: string,
  options: BootstrapOptions,
): Promise<{ endpoint: Endpoint; info: BuildkitInfo; client?: BuildkitClient }> {
  const timeoutMs = options.readyTimeoutMs ?? bootstrapDefaults.readyTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  let lastStderr = "";
  const endpoint = execEndpoint(host, containerName, {
    ...(options.dialCmd ? { cmd: options.dialCmd } : {}),
    onStderr: (text) => (lastStderr = text),
  });
  const quietEndpoint = execEndpoint(host, containerName, options.dialCmd ? { cmd: options.dialCmd } : {});
  let lastError = "";
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new BuilderError(`waiting for ${containerName} canceled`, "not-ready");
    const client = await BuildkitClient.connect(endpoint);
    try {
      const remaining = Math.max(1, deadline - Date.now());
      const info = await client.info({
        timeoutMs: Math.min(remaining, bootstrapDefaults.attemptTimeoutMs),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (options.keepConnection) return { endpoint: quietEndpoint, info, client };
      await client.close();
      return { endpoint: quietEndpoint, info };
    } catch (err) {
      lastError = messageOf(err);
      await client.close();
    }
    const state = await inspectContainer(host, containerName).catch(() => undefined);
    const stopped = state !== undefined && !state.State.Running;
    if (stopped || Date.now() >= deadline) {
      const why = stopped
        ? `container ${containerName} stopped (exit code ${state.State.ExitCode ?? "?"})`
        : `BuildKit in container ${containerName} did not answer within ${timeoutMs} ms`;
      const detail = lastStderr ? `${lastError} (buildctl: ${lastStderr})` : lastError;
      const logs = await containerLogs(host, containerName, { tail: bootstrapDefaults.logTailLines }).catch(
        (e: unknown) => `(logs unavailable: ${(e as Error).message})`,
      );
      // A daemon that exited says why in its whole log (a usage error comes before the usage text).
      const reason = stopped ? exitReason(await containerLogs(host, containerName, {}).catch(() => "")) : undefined;
      throw new BuilderError(
        `${why}: ${reason ?? detail}\ncontainer log (last ${bootstrapDefaults.logTailLines} lines):\n${logs.trimEnd()}`,
        "not-ready",
      );
    }
    // A failed try already takes ~100 ms (exec + buildctl start in the container), so a short pause does not
    // spin; buildx's try*120 ms left the daemon answering ~100 ms before the second try on the stack's dockerd.
    // Capped so a slow start is still polled every second.
    await sleep(Math.min(attempt * 30, 1_000), options.signal);
  }
}

/**
 * Starts (or reuses) the builder's container and resolves once BuildKit answers: reuse a running container
 * whose config-hash label matches; start a stopped one that matches; replace one that does not (its state
 * volume, the build cache, is kept); otherwise pull the image when missing, create the volume and container,
 * copy the config in, start it. Then wait for Info through the exec endpoint.
 */
export async function bootstrapContainer(
  host: DockerHost,
  plan: ContainerPlan,
  options: BootstrapOptions = {},
): Promise<Bootstrapped> {
  const call = options.signal ? { signal: options.signal } : {};
  const existing = await inspectContainer(host, plan.containerName, call);
  let reused = false;
  if (existing && existing.Config.Labels?.[CONFIG_HASH_LABEL] === plan.configHash) {
    reused = existing.State.Running;
    options.onStep?.(`${reused ? "reusing" : "starting"} container ${plan.containerName}`);
  } else {
    if (existing) {
      options.onStep?.(`replacing container ${plan.containerName}: its configuration differs`);
      await removeContainer(host, plan.containerName, { ...call, force: true });
    }
    await create(host, plan, options);
  }
  if (!reused) {
    try {
      await startContainer(host, plan.containerName, call);
    } catch (err) {
      throw new BuilderError(
        `failed to start container ${plan.containerName}: ${(err as Error).message}`,
        "container",
        {
          cause: err,
        },
      );
    }
  }
  const { endpoint, info, client } = await waitReady(host, plan.containerName, options);
  return { endpoint, containerName: plan.containerName, reused, info, ...(client ? { client } : {}) };
}

/**
 * The post step: removes builder `name`'s container and, unless `keepState`, its state volume (the build
 * cache). Missing pieces are fine: the post step may run after a main step that failed half way.
 */
export async function removeBuilder(
  host: DockerHost,
  name: string,
  options: { readonly keepState?: boolean; readonly signal?: AbortSignal } = {},
): Promise<void> {
  const { containerName, volumeName } = containerNames(name);
  const call = options.signal ? { signal: options.signal } : {};
  await removeContainer(host, containerName, { ...call, force: true });
  if (!options.keepState) await removeVolume(host, volumeName, call);
}
