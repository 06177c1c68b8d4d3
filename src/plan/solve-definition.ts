import { createHash } from "node:crypto";
import {
  dockerfileFrontendAttrs,
  localContext,
  localDockerfile,
  type DockerfileOptions,
  type Exporter,
  type SecretSource,
  type SolveDefinition,
} from "../buildkit/index.js";
import { InputError, quote } from "./input-error.js";
import { INPUT_NAMES as N } from "./inputs.js";
import { cacheEntry } from "./cache/cache-entry.js";
import { toExporter } from "./outputs/exporters.js";
import { formatUlimit } from "./run-steps/parse-ulimits.js";
import type { BuildPlan, NamedContext, SshSpec } from "./plan.js";

/** What Kiln learnt about the Docker daemon it loads images into (and, with `driver: docker`, builds with). */
export interface DaemonTraits {
  /** The daemon's image store: containerd (multi-platform, attestations, `image` exporter) or classic (`moby` only). */
  readonly imageStore: "containerd" | "classic";
  /** The builder's address for the `host-gateway` name in `add-hosts`, when it has one. */
  readonly hostGatewayIp?: string;
}

/** A whole solve but the session attachables, ready to spread into the client's `SolveOptions`. */
export interface SolvePieces extends SolveDefinition {
  /** Local directories by the name the frontend asks for: `context`, `dockerfile`, named contexts. */
  readonly localDirs: ReadonlyMap<string, string>;
  readonly secrets: ReadonlyMap<string, SecretSource>;
  /** Stable per context, so the daemon sends only what changed since the last build of the same directory. */
  readonly sharedKey: string;
  readonly ssh: readonly SshSpec[];
  /** Set when a `load` output arrives as this tarball, which the caller then loads into the Docker daemon. */
  readonly loadTarball?: string;
  /** Changes made to fit the builder, one line each for the log (defaults it cannot honour). */
  readonly notes: readonly string[];
}

/** Frontend capability buildx announces with named contexts (docker/buildx build/opt.go loadInputs). */
const CONTEXTS_FORWARD_CAP = "moby.buildkit.frontend.contexts+forward";

/**
 * Turns a plan into the Dockerfile frontend's attributes, exporters, cache entries and session material, for
 * the builder `plan.builder` names and the Docker daemon described by `daemon`. `env` is where `secret-envs`
 * values are read from when the daemon asks. Throws {@link InputError} when an input cannot work with this
 * builder (pushing from the classic image store, for one).
 *
 * Exporters: a push is the `image` exporter with `store=false` and, with SOURCE_DATE_EPOCH, `rewrite-timestamp=true`:
 * BuildKit refuses `rewrite-timestamp` together with `unpack` (exporter/containerimage/export.go), and the Docker
 * daemon's `moby` exporter always unpacks into its store (moby builder-next/exporter/overrides/wrapper.go).
 * A load into the daemon is therefore `moby` without `rewrite-timestamp` (config and history times still follow
 * SOURCE_DATE_EPOCH, layer file times do not); with a standalone BuildKit it is an `oci` (containerd store) or
 * `docker` (classic store) tarball, which does take `rewrite-timestamp`.
 */
export function toSolveDefinition(plan: BuildPlan, daemon: DaemonTraits, env: NodeJS.ProcessEnv): SolvePieces {
  const viaDocker = plan.builder.driver === "docker";
  const classic = daemon.imageStore === "classic";
  const notes: string[] = [];
  // The containerd image store holds a multi-platform index, so it takes a multi-platform load (the moby exporter,
  // or an OCI tarball through /images/load); the classic store holds one image per name.
  if (classic && plan.platforms.length > 1 && plan.outputs.some((o) => o.type === "load")) {
    throw new InputError(
      N.load,
      `expected a single platform to load into the Docker daemon's classic image store, got ${quote(plan.platforms.join(","))} (turn on the containerd image store, push instead, or build one platform)`,
    );
  }
  let { provenance, sbom } = plan.attestations;
  if (viaDocker && classic) {
    // As buildx leaves out its default provenance where attestations are unsupported; asked-for ones fail.
    const dropped = plan.attestations.byDefault.filter((t) => (t === "provenance" ? provenance : sbom) !== undefined);
    if (dropped.includes("provenance")) provenance = undefined;
    if (dropped.includes("sbom")) sbom = undefined;
    if (dropped.length > 0) {
      notes.push(`${dropped.join(" and ")} left out: the Docker daemon's classic image store cannot hold attestations`);
    }
    if (provenance !== undefined || sbom !== undefined) {
      throw new InputError(
        provenance !== undefined ? N.provenance : N.sbom,
        "attestations need the Docker daemon's containerd image store or driver: docker-container; set provenance: false and sbom: false to build without them",
      );
    }
    if (plan.platforms.length > 1) {
      throw new InputError(
        N.platforms,
        "expected one platform with the Docker daemon's classic image store; turn on the containerd image store or use driver: docker-container",
      );
    }
  }
  const hasAttestations = provenance !== undefined || sbom !== undefined;

  const localDirs = new Map<string, string>();
  const options: { -readonly [K in keyof DockerfileOptions]: DockerfileOptions[K] } = {
    filename: plan.dockerfile.filename,
    platforms: plan.platforms,
    buildArgs: plan.buildArgs,
    labels: plan.labels,
    pull: plan.pull,
    network: plan.network,
    addHosts: plan.addHosts.map((h) => `${h.host}=${hostIp(h.ip, daemon)}`),
    ulimits: plan.ulimits.map(formatUlimit),
    namedContexts: Object.fromEntries(plan.namedContexts.map((c) => [c.name, namedContextValue(c, localDirs)])),
    ...(plan.target === undefined ? {} : { target: plan.target }),
    ...(plan.noCache ? { noCache: true } : plan.noCacheFilters.length > 0 ? { noCache: plan.noCacheFilters } : {}),
    ...(plan.shmSizeBytes === undefined ? {} : { shmSizeBytes: plan.shmSizeBytes }),
    ...(sbom === undefined ? {} : { sbom }),
    ...(provenance === undefined ? {} : { provenance }),
    ...(plan.sourceDateEpoch.seconds === undefined ? {} : { sourceDateEpoch: plan.sourceDateEpoch.seconds }),
  };
  if (plan.context.kind === "local") localDirs.set(localContext, plan.context.dir);
  if (plan.dockerfile.kind === "local") {
    localDirs.set(localDockerfile, plan.dockerfile.dir);
    // The library's remoteContext also points the frontend at the local `dockerfile` directory.
    if (plan.context.kind !== "local") options.remoteContext = plan.context.url;
  }
  const frontendAttrs = dockerfileFrontendAttrs(options);
  // A relative `file` with a remote context is read inside that context, as buildx does.
  if (plan.context.kind !== "local" && plan.dockerfile.kind === "context") frontendAttrs["context"] = plan.context.url;
  if (plan.namedContexts.length > 0) frontendAttrs["frontend.caps"] = CONTEXTS_FORWARD_CAP;
  // buildx resolves base images from the daemon's store first with the docker driver (build/opt.go).
  if (viaDocker && !plan.pull) frontendAttrs["image-resolve-mode"] = "local";
  // The Dockerfile frontend's key (moby/buildkit frontend/dockerui/config.go keyCgroupParent), as buildx sends it.
  if (plan.cgroupParent !== undefined) frontendAttrs["cgroup-parent"] = plan.cgroupParent;

  const exporters: Exporter[] = [];
  let loadTarball: string | undefined;
  for (const output of plan.outputs) {
    const exporter = toExporter(output, plan, { viaDocker, classic, hasAttestations });
    if (exporter === undefined) continue;
    exporters.push(exporter);
    if (output.type === "load" && "dest" in exporter) loadTarball = exporter.dest;
  }

  const secrets = new Map<string, SecretSource>();
  for (const s of plan.secrets) {
    const src = s.source;
    secrets.set(
      s.id,
      src.kind === "env"
        ? { kind: "env", name: src.name, env }
        : src.kind === "file"
          ? { kind: "file", path: src.path }
          : src,
    );
  }

  const contextKey = plan.context.kind === "local" ? plan.context.dir : plan.context.url;
  return {
    frontend: "dockerfile.v0",
    frontendAttrs,
    exporters,
    cacheImports: plan.cacheFrom.map((b) => cacheEntry(b, "import")),
    cacheExports: plan.cacheTo.map((b) => cacheEntry(b, "export")),
    entitlements: [...plan.entitlements],
    recordHistory: plan.recordHistory,
    localDirs,
    secrets,
    sharedKey: `kiln-${createHash("sha256").update(contextKey).digest("hex").slice(0, 16)}`,
    ssh: plan.ssh,
    ...(loadTarball === undefined ? {} : { loadTarball }),
    notes,
  };
}

function hostIp(ip: string, daemon: DaemonTraits): string {
  if (ip !== "host-gateway") return ip;
  if (daemon.hostGatewayIp === undefined) {
    throw new InputError(N.addHosts, "expected an IP address; this builder reports no address for host-gateway");
  }
  return daemon.hostGatewayIp;
}

/** The frontend's `context:<name>` value; local directories get their own local name, as buildx names them. */
function namedContextValue(c: NamedContext, localDirs: Map<string, string>): string {
  switch (c.source.kind) {
    case "local": {
      const name = c.name === localContext || c.name === localDockerfile ? `_${c.name}` : c.name;
      localDirs.set(name, c.source.dir);
      return `local:${name}`;
    }
    case "image":
      return `docker-image://${c.source.ref}`;
    case "target":
      return `target:${c.source.stage}`;
    case "git":
    case "http":
      return c.source.url;
  }
}
