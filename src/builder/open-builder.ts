import { BuildkitClient, BuildkitError, type BuildkitInfo, type Endpoint, type WorkerInfo } from "../buildkit/index.js";
import { dockerEndpoint } from "./docker-endpoint.js";
import { explainConnectError, remoteEndpoint } from "./remote-endpoint.js";
import type { Preconnected, Preconnection } from "./preconnect.js";
import {
  BuilderError,
  bootstrapContainer,
  planContainer,
  registryHost,
  type ContainerPlan,
  type RegistryOptions,
} from "./docker-container/index.js";
import { DEFAULT_BINFMT_IMAGE } from "./binfmt/binfmt-image.js";
import { ensureEmulators, missingEmulators, nativePlatforms, readBinfmtEntries } from "./binfmt/index.js";
import {
  DockerError,
  info as dockerInfo,
  parseDockerHost,
  usesContainerdStore,
  type DockerHost,
} from "../docker/index.js";
import { messageOf } from "../shared/message-of.js";
import type { BuilderSpec, Driver } from "./spec.js";

/** What the `builder` output reports. */
export interface BuilderReport {
  readonly driver: Driver;
  readonly endpoint: string;
  readonly buildkitVersion: string;
  /** Every platform the builder's workers list (known once ListWorkers answers, see OpenBuilder.workers). */
  readonly platforms?: readonly string[];
  readonly emulated: readonly string[];
  /** Set when this run started a BuildKit container that the post step removes. */
  readonly container?: string;
}

export interface OpenBuilder {
  readonly client: BuildkitClient;
  readonly endpoint: Endpoint;
  /** The daemon keeps images in containerd (image/oci/docker exporters, push) or in the classic store (moby only). */
  readonly imageStore: "containerd" | "classic";
  readonly report: BuilderReport;
  /** The builder's workers; may still be in flight when the builder is returned. */
  readonly workers: Promise<readonly WorkerInfo[]>;
  /** Where the Docker Engine is, for the post step and for loading images. */
  readonly dockerHost: DockerHost | undefined;
  /** The Docker Engine's version when the builder is its embedded BuildKit (which may report "v0.0.0+unknown"). */
  readonly dockerEngineVersion?: string;
  /**
   * With `loadsImages` and a BuildKit of its own (docker-container, remote): the Docker daemon its tarball is loaded
   * into, the driver's Docker host or, for remote, DOCKER_HOST (where buildx loads too).
   */
  readonly loadHost?: DockerHost;
}

export interface OpenBuilderOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Name of the docker-container builder; one per job and step keeps reruns reusing it and matrix legs apart. */
  readonly builderName?: string;
  /** Called as soon as this run has created the builder's container (before it is ready), for the post step. */
  readonly onContainerCreated?: (containerName: string) => void;
  /** The build loads an image into Docker: its image store decides the exporter, whatever the driver. */
  readonly loadsImages?: boolean;
  /** A connection opened before planning: adopted when it is this remote builder's, closed otherwise. */
  readonly preconnected?: Preconnection;
}

function hostOf(spec: { readonly dockerHost?: string }, env: NodeJS.ProcessEnv): DockerHost {
  const tls = env["DOCKER_TLS_VERIFY"]
    ? { tlsVerify: true, ...(env["DOCKER_CERT_PATH"] ? { certPath: env["DOCKER_CERT_PATH"] } : {}) }
    : {};
  return parseDockerHost(spec.dockerHost ?? env["DOCKER_HOST"], tls);
}

/**
 * Turns a builder spec into a connected client, installing QEMU handlers for requested `platforms` the builder
 * cannot run. Every failure names what it tried to reach.
 */
export async function openBuilder(
  spec: BuilderSpec,
  platforms: readonly string[],
  options: OpenBuilderOptions,
): Promise<OpenBuilder> {
  let endpoint: Endpoint;
  let container: string | undefined;
  let dockerHost: DockerHost | undefined;
  let imageStore: "containerd" | "classic" = "containerd";
  let connected: BuildkitClient | undefined;
  let adopted: Preconnected | undefined;
  switch (spec.driver) {
    case "docker": {
      dockerHost = hostOf(spec, options.env);
      endpoint = dockerEndpoint(dockerHost);
      break;
    }
    case "docker-container": {
      dockerHost = hostOf(spec, options.env);
      const started = await bootstrapContainer(dockerHost, containerPlanOf(spec, options.builderName ?? "kiln"), {
        onStep: options.log,
        ...(options.onContainerCreated ? { onCreated: options.onContainerCreated } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        keepConnection: true,
      }).catch((err: unknown) => {
        throw explainPull(err, "driver-opts: image=<a copy you can pull>, or registry-mirrors");
      });
      endpoint = started.endpoint;
      connected = started.client;
      if (!started.reused) container = started.containerName;
      break;
    }
    case "remote":
      try {
        endpoint = remoteEndpoint({ endpoint: spec.endpoint, ...(spec.tls ? { tls: spec.tls } : {}) });
      } catch (err) {
        // "tls: cannot read the CA certificate file ... (caFile)": the files came from driver-opts.
        throw err instanceof BuildkitError && err.message.startsWith("tls: ")
          ? new BuildkitError(
              `driver-opts: ${err.message.slice(5).replace(/\((ca|cert|key)File\b[^)]*\)/, (_m, k: string) => `(${k === "ca" ? "cacert" : k}=)`)}`,
              err.code,
              { cause: err },
            )
          : err;
      }
      // Only a connection made with exactly this endpoint and no TLS options is the one the plan asks for.
      if (spec.tls === undefined && options.preconnected?.endpoint === spec.endpoint) {
        adopted = options.preconnected.take();
      }
      break;
  }
  const loadHost =
    options.loadsImages && spec.driver !== "docker" ? (dockerHost ?? hostOf({}, options.env)) : undefined;
  await options.preconnected?.close();
  const client = connected ?? adopted?.client ?? (await BuildkitClient.connect(endpoint));
  try {
    const call = options.signal ? { signal: options.signal } : {};
    // ListWorkers takes the daemon 50-90 ms (it probes emulators); it is awaited before the solve only when the
    // emulators cannot be checked on this machine, else it runs alongside the solve and only feeds the report.
    const workers = adopted?.workers ?? client.listWorkers(call);
    workers.catch(() => {});
    const answered = Promise.all([
      (adopted?.info ?? client.info(call)).catch(async (err: unknown) => {
        throw spec.driver === "remote" ? await explainRemote(spec, endpoint, err) : err;
      }),
      spec.driver === "docker" && dockerHost ? dockerInfo(dockerHost, call) : undefined,
      loadHost
        ? dockerInfo(loadHost, call).catch((err: unknown) => {
            throw new DockerError(
              `load: the image goes into the Docker daemon, which did not answer: ${messageOf(err)}`,
              {
                cause: err,
              },
            );
          })
        : undefined,
    ]);
    // The first calls are out: what the solve needs loads while the daemon answers them.
    client.prepareSolve();
    const [info, store, loadStore] = await answered;
    const storeInfo = store ?? loadStore;
    if (storeInfo) imageStore = usesContainerdStore(storeInfo) ? "containerd" : "classic";
    const local = spec.driver !== "remote" && dockerHost?.kind === "unix";
    const emulated =
      (local ? await emulatedLocally(platforms) : undefined) ??
      (await emulate(platforms, await workers, dockerHost, spec, options));
    return {
      client,
      endpoint,
      imageStore,
      dockerHost,
      workers,
      ...(store?.ServerVersion ? { dockerEngineVersion: store.ServerVersion } : {}),
      ...(loadHost ? { loadHost } : {}),
      report: {
        driver: spec.driver,
        endpoint: client.endpoint.kind === "dial" ? client.endpoint.name : describe(endpoint),
        buildkitVersion: versionOf(info),
        emulated,
        ...(container ? { container } : {}),
      },
    };
  } catch (err) {
    await client.close();
    throw err;
  }
}

/** The docker-container plan for `spec`: its driver options and the registries it must treat specially. */
export function containerPlanOf(
  spec: Extract<BuilderSpec, { driver: "docker-container" }>,
  name: string,
): ContainerPlan {
  const c = spec.container;
  const insecure = spec.registries?.insecure ?? [];
  const mirrors = spec.registries?.mirrors ?? [];
  // http and insecure together: BuildKit tries HTTPS without verification first, then plain HTTP
  // (util/resolver fillInsecureOpts), so one entry serves a plain-HTTP registry and a self-signed one alike.
  const registries: RegistryOptions[] = insecure.map((host) => ({
    host,
    http: true,
    insecure: true,
    ...(host === "docker.io" && mirrors.length > 0 ? { mirrors } : {}),
  }));
  if (mirrors.length > 0 && !insecure.includes("docker.io")) registries.push({ host: "docker.io", mirrors });
  try {
    return planContainer({
      name,
      ...(c?.image ? { image: c.image } : {}),
      ...(c?.flags ? { flags: c.flags } : {}),
      ...(c?.network ? { network: c.network } : {}),
      ...(c && Object.keys(c.env).length > 0 ? { env: c.env } : {}),
      ...(c && Object.keys(c.resources).length > 0 ? { resources: c.resources } : {}),
      ...(c?.config ? { userConfig: c.config } : {}),
      registries,
    });
  } catch (err) {
    throw err instanceof BuilderError && !/^[a-z-]+: /.test(err.message)
      ? new BuilderError(`${c?.config?.source ?? "driver-opts"}: ${err.message}`, err.code, { cause: err })
      : err;
  }
}

/**
 * Why a remote daemon cannot be reached, in one line naming the input to change: the TLS material
 * (driver-opts cacert/cert/key/servername) when the failure is about certificates, else the endpoint.
 */
async function explainRemote(
  spec: Extract<BuilderSpec, { driver: "remote" }>,
  endpoint: Endpoint,
  err: unknown,
): Promise<unknown> {
  const explained = await explainConnectError(endpoint, err);
  if (explained === err || !(explained instanceof BuildkitError)) return err;
  const tlsProblem = /certificate|TLS|mTLS|servername|serverName/i.test(explained.message);
  const input = tlsProblem ? "driver-opts (cacert=, cert=, key=, servername=)" : "endpoint";
  return new BuildkitError(
    // The library names its TlsOptions fields; the user wrote driver-opts keys.
    `${input}: ${explained.message
      .replace(/set serverName/, "set servername=")
      .replace("the CA given (ca)", "the CA given (cacert=)")
      .replace("give cert and key", "give cert= and key=")}`,
    explained.code,
    {
      cause: explained,
    },
  );
}

/** Docker Hub mirrors for pulling `image`, when it is a Docker Hub image. */
function hubMirrors(spec: BuilderSpec, image: string): string[] {
  return registryHost(image) === "docker.io" ? [...(spec.registries?.mirrors ?? [])] : [];
}

/** A failed pull of the builder's own image, with the inputs that avoid it. */
function explainPull(err: unknown, inputs: string): unknown {
  if (!(err instanceof BuilderError) || err.code !== "image-pull") return err;
  return new BuilderError(`${err.message}; to use another copy, set ${inputs}`, err.code, { cause: err });
}

function describe(endpoint: Endpoint): string {
  return endpoint.kind === "unix"
    ? `unix://${endpoint.path}`
    : endpoint.kind === "tcp"
      ? `tcp://${endpoint.host}:${endpoint.port}`
      : endpoint.name;
}

function versionOf(info: BuildkitInfo): string {
  return info.version;
}

/**
 * For a daemon on this machine: the requested foreign platforms, when this kernel already has an enabled handler
 * with the F flag for each (what the daemon's own probe would find); undefined when one is missing, so the caller
 * asks the workers and installs what is needed.
 */
async function emulatedLocally(platforms: readonly string[]): Promise<string[] | undefined> {
  const native = nativePlatforms();
  const foreign = platforms.filter((p) => !native.includes(p));
  if (foreign.length === 0) return [];
  const registered = await readBinfmtEntries().catch(() => undefined);
  if (!registered || missingEmulators(foreign, native, registered).length > 0) return undefined;
  return foreign;
}

/**
 * Requested platforms the workers do not list get a QEMU handler: from the host's qemu-user-static when this
 * process is root, else from the pinned tonistiigi/binfmt image run privileged through Docker.
 */
async function emulate(
  platforms: readonly string[],
  workers: readonly WorkerInfo[],
  dockerHost: DockerHost | undefined,
  spec: BuilderSpec,
  options: OpenBuilderOptions,
): Promise<string[]> {
  const listed = new Set(workers.flatMap((w) => w.platforms));
  const missing = platforms.filter((p) => !listed.has(p) && !listed.has(p.split("/").slice(0, 2).join("/")));
  if (missing.length === 0) return [];
  // A runner's steps are not root: then only the privileged binfmt container can register handlers.
  const report = await ensureEmulators({
    platforms: missing,
    isRoot: process.getuid?.() === 0,
    ...(dockerHost
      ? {
          image: {
            docker: dockerHost,
            ...(spec.binfmtImage ? { image: spec.binfmtImage } : {}),
            mirrors: hubMirrors(spec, spec.binfmtImage ?? DEFAULT_BINFMT_IMAGE),
          },
        }
      : {}),
    onStep: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((err: unknown) => {
    throw explainPull(err, "binfmt-image=<a copy you can pull>, or registry-mirrors");
  });
  return [...report.emulated];
}
