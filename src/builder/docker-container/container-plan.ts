import { createHash } from "node:crypto";
import type { ContainerCreateBody } from "../../docker/index.js";
import { BuilderError } from "./builder-error.js";
import {
  buildkitConfigDir,
  buildkitdToml,
  type ConfigFile,
  type RegistryOptions,
  mirrorsOf,
  type UserBuildkitdConfig,
} from "./buildkitd-toml.js";

/**
 * moby/buildkit v0.33.1, pinned by the digest of its multi-platform index. The digest is the one that many
 * public workflows pin for this tag (e.g. `moby/buildkit:v0.33.1@sha256:cec9f139...` in release scripts that
 * record having resolved it on Docker Hub); it could not be resolved from this project's machines, which do
 * not reach Docker Hub. Users override it with the `buildkit-image` input.
 */
export const DEFAULT_BUILDKIT_IMAGE =
  "moby/buildkit:v0.33.1@sha256:cec9f139f45e93c5c69c60f8b07cfad9f43f4ef6b6a6cd917527fea5ff2e3dea";

/**
 * setup-buildx-action's default `buildkitd-flags` (src/context.ts): lets builds ask for `--security=insecure`
 * and `--network=host`, which buildkitd refuses unless allowed.
 */
export const DEFAULT_BUILDKITD_FLAGS: readonly string[] = Object.freeze([
  "--allow-insecure-entitlement",
  "security.insecure",
  "--allow-insecure-entitlement",
  "network.host",
]);

/** Label holding the hash of everything that shapes the container, to decide whether a running one fits. */
export const CONFIG_HASH_LABEL = "kiln.config-hash";
/** Label naming the builder a container or volume belongs to. */
export const BUILDER_LABEL = "kiln.builder";

// buildx util/confutil DefaultBuildKitStateDir.
const stateDir = "/var/lib/buildkit";

export interface DockerContainerOptions {
  /** Builder name: the container is `kiln_buildkit_<name>`, its state volume `kiln_buildkit_<name>_state`. */
  readonly name: string;
  /** BuildKit image, pinned by digest; DEFAULT_BUILDKIT_IMAGE when absent. */
  readonly image?: string;
  /** buildkitd flags, already split into words (see `splitFlags`); DEFAULT_BUILDKITD_FLAGS when absent. */
  readonly flags?: readonly string[];
  /** Environment of buildkitd (driver-opts `env.NAME=value`). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Network mode of the container; "host" when absent, so that builds reach registries on the runner's
   * loopback (a service container or a local registry) as the host does.
   */
  readonly network?: string;
  readonly registries?: readonly RegistryOptions[];
  /** `buildkitd-config` (file content) or `buildkitd-config-inline`; the action picks one, as setup-buildx does. */
  readonly userConfig?: UserBuildkitdConfig;
  /** Resource limits (driver-opts `memory=`, `memory-swap=`, `cpu-quota=`, ...), as `docker run` takes them. */
  readonly resources?: ContainerResources;
}

/** buildx docker-container driver options that become HostConfig limits (driver/docker-container/factory.go). */
export interface ContainerResources {
  readonly memoryBytes?: number;
  readonly memorySwapBytes?: number;
  readonly cpuQuota?: number;
  readonly cpuPeriod?: number;
  readonly cpuShares?: number;
  readonly cpusetCpus?: string;
  readonly cpusetMems?: string;
  readonly cgroupParent?: string;
}

/** Everything needed to start the builder, computed without touching Docker. */
export interface ContainerPlan {
  readonly containerName: string;
  readonly volumeName: string;
  readonly image: string;
  /** The `POST /containers/create` body, labels included. */
  readonly body: ContainerCreateBody;
  /** The generated buildkitd.toml; empty when there is nothing to configure. */
  readonly toml: string;
  /** Files to copy under /etc/buildkit before the container starts (buildkitd.toml and CA certificates). */
  readonly files: readonly ConfigFile[];
  /** sha256 hex of the body and files: a running container with this label value is reused. */
  readonly configHash: string;
  /**
   * Mirrors of the image's own registry from the merged buildkitd.toml (`registry-mirrors` or the user's
   * `mirrors`): the image is pulled from them first (setup-buildx-action#430: the mirror was ignored there).
   */
  readonly pullMirrors: readonly string[];
}

/** The names of the container and state volume of builder `name`. */
export function containerNames(name: string): { containerName: string; volumeName: string } {
  const containerName = `kiln_buildkit_${name}`;
  return { containerName, volumeName: `${containerName}_state` };
}

/**
 * Splits a `buildkitd-flags` string into words as a POSIX shell would (quotes and backslashes), without
 * expanding anything.
 */
export function splitFlags(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new BuilderError(`buildkitd-flags: unterminated ${quote} quote in "${text}"`, "invalid-options");
  if (inWord) words.push(word);
  return words;
}

/**
 * The docker-container builder as buildx creates it (driver/docker-container/driver.go): buildkitd privileged,
 * with docker-init reaping the processes it starts, its state in a named volume, and, when there is config,
 * `--config /etc/buildkit/buildkitd.toml` before the user's flags so that theirs can override it.
 */
export function planContainer(options: DockerContainerOptions): ContainerPlan {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.name)) {
    throw new BuilderError(
      `builder name: expected letters, digits, "_", "." or "-", got "${options.name}"`,
      "invalid-options",
    );
  }
  const { containerName, volumeName } = containerNames(options.name);
  const image = options.image ?? DEFAULT_BUILDKIT_IMAGE;
  const network = options.network ?? "host";
  const { toml, files: certs, config } = buildkitdToml(options.registries ?? [], options.userConfig);
  const files: ConfigFile[] = toml ? [{ path: "buildkitd.toml", content: toml, mode: 0o644 }, ...certs] : certs;

  const flags = [...(options.flags ?? DEFAULT_BUILDKITD_FLAGS)];
  // buildx's factory adds this for network=host, which buildkitd otherwise rejects for RUN --network=host.
  const allowsHost = flags.some(
    (f, i) =>
      f === "--allow-insecure-entitlement=network.host" ||
      (f === "--allow-insecure-entitlement" && flags[i + 1] === "network.host"),
  );
  if (network === "host" && !allowsHost) flags.push("--allow-insecure-entitlement=network.host");
  const cmd = toml ? ["--config", `${buildkitConfigDir}/buildkitd.toml`, ...flags] : flags;

  const env = Object.entries(options.env ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
      throw new BuilderError(
        `env: expected a variable name like BUILDKIT_STEP_LOG_MAX_SIZE, got "${k}"`,
        "invalid-options",
      );
    }
    return `${k}=${v}`;
  });

  const shape = {
    Image: image,
    Cmd: cmd,
    ...(env.length > 0 ? { Env: env } : {}),
    HostConfig: {
      Privileged: true,
      Init: true,
      NetworkMode: network,
      Mounts: [{ Type: "volume" as const, Source: volumeName, Target: stateDir }],
      ...hostLimits(options.resources),
    },
  };
  const configHash = createHash("sha256")
    .update(JSON.stringify({ shape, files: files.map((f) => [f.path, f.mode, f.content]) }))
    .digest("hex");
  const body: ContainerCreateBody = {
    ...shape,
    Labels: { [BUILDER_LABEL]: options.name, [CONFIG_HASH_LABEL]: configHash },
  };
  return {
    containerName,
    volumeName,
    image,
    body,
    toml,
    files,
    configHash,
    pullMirrors: mirrorsOf(config, registryHost(image)),
  };
}

function hostLimits(r: ContainerResources | undefined): Record<string, string | number> {
  if (!r) return {};
  const limits: Record<string, string | number | undefined> = {
    Memory: r.memoryBytes,
    MemorySwap: r.memorySwapBytes,
    CpuQuota: r.cpuQuota,
    CpuPeriod: r.cpuPeriod,
    CpuShares: r.cpuShares,
    CpusetCpus: r.cpusetCpus,
    CpusetMems: r.cpusetMems,
    CgroupParent: r.cgroupParent,
  };
  return Object.fromEntries(Object.entries(limits).filter((e): e is [string, string | number] => e[1] !== undefined));
}

/**
 * The registry an image reference names, as buildkitd.toml keys it: the first path component when it looks like
 * a host (has "." or ":", or is "localhost"), else Docker Hub, "docker.io" (distribution/reference's rule).
 */
export function registryHost(image: string): string {
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  return first !== "" && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}
